namespace SyncConsole.Engine.FailLog;

/// <summary>
/// When a fail-log entry is tried next: the retry interval after its first failure, doubling with every failed
/// retry, capped, so a remote that stays down for days is not hammered yet is still tried at least daily.
/// </summary>
public static class RetryBackoff
{
    public static readonly TimeSpan DefaultCap = TimeSpan.FromHours(24);

    /// <param name="failedRetries">Retries that failed so far (0 for a new entry).</param>
    public static TimeSpan Delay(TimeSpan interval, int failedRetries, TimeSpan? cap = null)
    {
        var limit = cap ?? DefaultCap;
        if (interval >= limit) return interval;
        var exponent = Math.Clamp(failedRetries, 0, 30);
        var ticks = interval.Ticks * Math.Pow(2, exponent);
        return ticks >= limit.Ticks ? limit : TimeSpan.FromTicks((long)ticks);
    }

    public static DateTimeOffset NextAttemptAt(DateTimeOffset now, TimeSpan interval, int failedRetries, TimeSpan? cap = null) =>
        now + Delay(interval, failedRetries, cap);
}
