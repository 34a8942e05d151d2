namespace SyncConsole.Bench.Sync;

/// <summary>CPU time of a process plus its reaped children (its rsync runs), from /proc/PID/stat.</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The process's own utime + stime, and its reaped children's cutime + cstime.</summary>
    public static (TimeSpan Own, TimeSpan Children) ReadSplit(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name "(...)": state is field 3; utime, stime, cutime, cstime are 14 to 17.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond),
                TimeSpan.FromSeconds((long.Parse(fields[13]) + long.Parse(fields[14])) / TicksPerSecond));
    }

    public static long RssKiB(int pid) => StatusKiB(pid, "VmRSS:");

    /// <summary>The highest RSS the process ever had (VmHWM), start-up included.</summary>
    public static long PeakRssKiB(int pid) => StatusKiB(pid, "VmHWM:");

    private static long StatusKiB(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return 0;
    }
}
