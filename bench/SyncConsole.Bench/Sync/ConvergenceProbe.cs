using System.Diagnostics;

namespace SyncConsole.Bench.Sync;

/// <summary>
/// Polls only the paths a step touched until the destination shows all of them, so convergence is seen within
/// about a millisecond without walking a 100 000-file tree on every poll.
/// </summary>
internal static class ConvergenceProbe
{
    public static async Task<TimeSpan> WaitAsync(string dst, Expectation expected, Stopwatch since, TimeSpan timeout)
    {
        var present = new List<KeyValuePair<string, byte[]>>(expected.Present);
        var absent = new List<string>(expected.Absent);
        var deadline = since.Elapsed + timeout;
        while (true)
        {
            present.RemoveAll(p => Matches(Path.Combine(dst, p.Key), p.Value));
            absent.RemoveAll(a => !File.Exists(Path.Combine(dst, a)) && !Directory.Exists(Path.Combine(dst, a)));
            if (present.Count == 0 && absent.Count == 0) return since.Elapsed;
            if (since.Elapsed > deadline)
                throw new TimeoutException($"not converged after {timeout.TotalSeconds} s: {present.Count} paths missing or different " +
                    $"(e.g. {present.Select(p => p.Key).FirstOrDefault()}), {absent.Count} not deleted (e.g. {absent.FirstOrDefault()})");
            await Task.Delay(1);
        }
    }

    private static bool Matches(string path, byte[] content)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != content.Length) return false;
            return content.Length > 65536 || File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
        }
        catch (IOException) { return false; }
    }
}
