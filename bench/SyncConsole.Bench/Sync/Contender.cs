using System.Diagnostics;

namespace SyncConsole.Bench.Sync;

/// <summary>A live-sync tool under test, run as its own process so its CPU time can be measured apart.</summary>
internal abstract class Contender
{
    private Process? process;
    private CgroupCpu? cgroup;

    /// <summary>Set by <see cref="StartAsync"/> right after the start, before the tool runs any rsync.</summary>
    protected Process? Process
    {
        get => process;
        set
        {
            process = value;
            if (value is not null) cgroup = CgroupCpu.TryCreate(value.Id);
        }
    }

    public abstract string Name { get; }

    /// <summary>Starts watching <paramref name="src"/> and returns once the tool is ready for changes.</summary>
    public abstract Task StartAsync(string src, Target target, string workDir);

    /// <summary>utime + stime of the tool and cutime + cstime of its reaped children (its rsync runs), from /proc.</summary>
    public TimeSpan CpuTime => ChildrenCpuTime + OwnCpuTime;

    /// <summary>The tool's own part of <see cref="CpuTime"/>.</summary>
    public TimeSpan OwnCpuTime => Process is { HasExited: false } p ? ProcessCpu.ReadSplit(p.Id).Own : TimeSpan.Zero;

    /// <summary>The reaped rsync children's part of <see cref="CpuTime"/>.</summary>
    public TimeSpan ChildrenCpuTime => Process is { HasExited: false } p ? ProcessCpu.ReadSplit(p.Id).Children : TimeSpan.Zero;

    /// <summary>The same from the tool's own cpuacct cgroup (everything it started, reaped or not); null without cgroup access.</summary>
    public TimeSpan? CgroupCpuTime => cgroup?.Read();

    public long RssKiB => Process is { HasExited: false } p ? ProcessCpu.RssKiB(p.Id) : 0;

    public long PeakRssKiB => Process is { HasExited: false } p ? ProcessCpu.PeakRssKiB(p.Id) : 0;

    public async Task StopAsync()
    {
        if (Process is null) return;
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Process.Dispose();
        process = null;
        cgroup?.Dispose();
        cgroup = null;
    }

    protected static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException($"{what} not ready after {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
