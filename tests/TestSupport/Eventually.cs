namespace SyncConsole.TestSupport;

/// <summary>Polls a condition with a generous deadline: tests on a loaded 2-core machine wait for facts, not for time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeoutSeconds}s waiting for: {what}");
            await Task.Delay(20);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeoutSeconds}s waiting for: {what}");
            await Task.Delay(20);
        }
    }
}
