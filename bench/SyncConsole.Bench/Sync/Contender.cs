using System.Diagnostics;

namespace SyncConsole.Bench.Sync;

/// <summary>A live-sync tool under test, run as its own process so its CPU time can be measured apart.</summary>
internal abstract class Contender
{
    protected Process? Process { get; set; }

    public abstract string Name { get; }

    /// <summary>Starts watching <paramref name="src"/> and returns once the tool is ready for changes.</summary>
    public abstract Task StartAsync(string src, Target target, string workDir);

    public TimeSpan CpuTime => Process is { HasExited: false } p ? ProcessCpu.Read(p.Id) : TimeSpan.Zero;

    public long RssKiB => Process is { HasExited: false } p ? ProcessCpu.RssKiB(p.Id) : 0;

    public async Task StopAsync()
    {
        if (Process is null) return;
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Process.Dispose();
        Process = null;
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
