using System.Diagnostics;
using System.Globalization;
using System.Text;
using SyncConsole.TestSupport;

namespace SyncConsole.Bench.Sync;

/// <summary>
/// <c>sync [--quick] [--only NAME] [--trials N] [--out FILE] [--host WEB.DLL [--host-env K=V]...] [--no-agent] [--no-lsyncd]</c>: SyncConsole against lsyncd on the same loopback rsync daemon, each
/// as a ratio to the floor, one plain <c>rsync -a --delete</c> of the final tree.
/// </summary>
internal static class SyncBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var only = Arg(args, "--only");
        var output = Arg(args, "--out");
        var trialsOverride = Arg(args, "--trials") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : (int?)null;
        var lsyncdDelay = double.Parse(Arg(args, "--lsyncd-delay") ?? "0.1", CultureInfo.InvariantCulture);
        // The whole host as well as the bare engine (the agent) when bench/sync.sh built it.
        var hostDll = Arg(args, "--host");

        Workload[] workloads =
        [
            new SingleFileChange(),
            new BurstIntoNewFolders(),
            quick ? new SparseChangesInLargeTree(folders: 100) : new SparseChangesInLargeTree(),
            new RenameAndDeletes(),
        ];
        await using var daemon = await RsyncDaemonFixture.StartNewAsync("bench");
        using var work = new TempDirectory("syncconsole-bench");
        var target = Target.For(daemon, work);

        var report = new StringBuilder();
        report.AppendLine($"rsync daemon on 127.0.0.1:{daemon.Port}; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {(quick ? "quick" : "full")} run");
        report.AppendLine();
        // The floor leads with the socket options SyncConsole passes (--sockopts=TCP_NODELAY): without them every daemon
        // connection on loopback pays a ~90 ms Nagle stall that SyncConsole does not, and the ratio would flatter it.
        report.AppendLine("| workload | tool | latency after last write (p50) | ratio to floor | ratio to plain floor | from first write | CPU s, all trials (of it rsync children) | CPU s (cgroup) | start-up CPU s | RSS MiB idle / end / peak | verified |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var workload in workloads.Where(w => only is null || w.Name == only))
        {
            var trials = trialsOverride ?? (workload is SingleFileChange ? (quick ? 7 : 21) : (quick ? 2 : 5));
            Console.Error.WriteLine($"== {workload.Description}: {trials} trial(s)");
            var floorPlain = await MeasureFloorAsync(workload, trials, work, target, noDelay: false);
            var floor = await MeasureFloorAsync(workload, trials, work, target, noDelay: true);
            var floorLine = $"| {workload.Description} | floor: one `rsync -a --delete --sockopts=TCP_NODELAY` | {Ms(floor.Latency)} | 1.00× | " +
                            $"{floor.Latency / floorPlain.Latency:0.00}× | | {floor.Cpu.TotalSeconds:0.00} ({floor.Cpu.TotalSeconds:0.00}) | | | | |";
            Console.Error.WriteLine("   " + floorLine + $" (plain floor {Ms(floorPlain.Latency)}, CPU {floorPlain.Cpu.TotalSeconds:0.00} s)");
            report.AppendLine(floorLine);
            var contenders = new List<Contender>();
            if (!args.Contains("--no-agent")) contenders.Add(new SyncConsoleContender());
            if (hostDll is not null) contenders.Add(new HostContender(hostDll, HostEnvironment(args)));
            if (!args.Contains("--no-lsyncd")) contenders.Add(new LsyncdContender(lsyncdDelay));
            foreach (var contender in contenders)
            {
                var r = await MeasureContenderAsync(contender, workload, trials, work, target);
                var line = $"| {workload.Description} | {contender.Name} | {Ms(r.Latency)} | " +
                           $"**{r.Latency / floor.Latency:0.00}×** | {r.Latency / floorPlain.Latency:0.00}× | {Ms(r.FromFirstWrite)} | {r.Cpu.TotalSeconds:0.00} ({r.ChildrenCpu.TotalSeconds:0.00}) | " +
                           $"{(r.CgroupCpu is { } c ? c.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")} | {r.StartupCpu.TotalSeconds:0.00} | " +
                           $"{Mib(r.IdleRssKiB)} / {Mib(r.EndRssKiB)} / {Mib(r.PeakRssKiB)} | {(r.Differences == 0 ? "identical" : r.Differences + " differences")} |";
                Console.Error.WriteLine("   " + line);
                report.AppendLine(line);
            }
        }
        Console.WriteLine(report);
        if (output is not null) File.WriteAllText(output, report.ToString());
        return 0;
    }

    /// <summary>Waits (up to a minute) until the tool used under 2 % of a core over one second; returns its CPU since it started.</summary>
    private static async Task<TimeSpan> WaitUntilIdleAsync(Contender contender)
    {
        var sw = Stopwatch.StartNew();
        var last = contender.CpuTime;
        while (sw.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(1000);
            var now = contender.CpuTime;
            if (now - last < TimeSpan.FromMilliseconds(20)) break;
            last = now;
        }
        return contender.CpuTime;
    }

    private sealed record Result(TimeSpan Latency, TimeSpan FromFirstWrite, TimeSpan Cpu, TimeSpan ChildrenCpu, TimeSpan? CgroupCpu, TimeSpan StartupCpu,
        long IdleRssKiB, long EndRssKiB, long PeakRssKiB, int Differences);

    private sealed record FloorResult(TimeSpan Latency, TimeSpan Cpu);

    private static async Task<FloorResult> MeasureFloorAsync(Workload workload, int trials, TempDirectory work, Target target, bool noDelay)
    {
        var src = await Replica.FreshAsync(workload, trials, work, target);
        var times = new List<TimeSpan>();
        var cpuBefore = ChildrenCpu.Read();
        for (var t = 0; t < trials; t++)
        {
            workload.Apply(src, t);
            var sw = Stopwatch.StartNew();
            string[] extra = noDelay ? ["--sockopts=TCP_NODELAY"] : [];
            var code = await Replica.RunRsyncAsync(["-a", "--delete", $"--password-file={target.PasswordFile}", .. extra, src + "/", target.Url]);
            if (code != 0) throw new InvalidOperationException($"floor rsync exited {code}");
            times.Add(sw.Elapsed);
        }
        return new FloorResult(Median(times), ChildrenCpu.Read() - cpuBefore);
    }

    private static async Task<Result> MeasureContenderAsync(Contender contender, Workload workload, int trials, TempDirectory work, Target target)
    {
        var src = await Replica.FreshAsync(workload, trials, work, target);
        var toolDir = Directory.CreateTempSubdirectory("contender-").FullName;
        await contender.StartAsync(src, target, toolDir);
        try
        {
            // One delivery before measuring: the first run of any tool pays for start-up (JIT, first connection).
            File.WriteAllText(Path.Combine(src, "warm-up.txt"), "warm-up");
            await ConvergenceProbe.WaitAsync(target.ModulePath, Expectation.For(src, ["warm-up.txt"], []), Stopwatch.StartNew(), TimeSpan.FromMinutes(1));
            await Task.Delay(300);
            // A .NET tool keeps compiling (tiered re-JIT) for tens of seconds after it starts: the changes are measured
            // once it is idle, and what it burnt from its start until then is reported apart as start-up CPU.
            var startup = await WaitUntilIdleAsync(contender);
            var cpuBefore = contender.CpuTime;
            var childrenBefore = contender.ChildrenCpuTime;
            var cgroupBefore = contender.CgroupCpuTime;
            var idleRss = contender.RssKiB;
            var latencies = new List<TimeSpan>();
            var totals = new List<TimeSpan>();
            for (var t = 0; t < trials; t++)
            {
                var sw = Stopwatch.StartNew();
                var expected = workload.Apply(src, t);
                var lastWrite = sw.Elapsed;
                var converged = await ConvergenceProbe.WaitAsync(target.ModulePath, expected, sw, TimeSpan.FromMinutes(3));
                latencies.Add(converged - lastWrite);
                totals.Add(converged);
                await Task.Delay(300); // let stragglers (e.g. a second batch) finish before the next step
            }
            var cpu = contender.CpuTime - cpuBefore;
            var childrenCpu = contender.ChildrenCpuTime - childrenBefore;
            var cgroupCpu = contender.CgroupCpuTime - cgroupBefore;
            return new Result(Median(latencies), Median(totals), cpu, childrenCpu, cgroupCpu, startup, idleRss, contender.RssKiB, contender.PeakRssKiB,
                await Replica.CountDifferencesAsync(src, target.ModulePath));
        }
        finally
        {
            await contender.StopAsync();
            Directory.Delete(toolDir, recursive: true);
        }
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

    private static string Mib(long kib) => (kib / 1024.0).ToString("0", CultureInfo.InvariantCulture);

    /// <summary><c>--host-env KEY=VALUE</c> (repeatable): a runtime knob for the host only, e.g. DOTNET_gcServer=0.</summary>
    private static Dictionary<string, string> HostEnvironment(string[] args)
    {
        var environment = new Dictionary<string, string>();
        for (var i = 0; i < args.Length - 1; i++)
            if (args[i] == "--host-env" && args[i + 1].Split('=', 2) is [var key, var value]) environment[key] = value;
        return environment;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
