using System.Diagnostics;
using System.Globalization;
using System.Text;
using SyncConsole.Engine.Watching;
using SyncConsole.TestSupport;

namespace SyncConsole.Bench.Sync;

/// <summary>
/// <c>memory [--dirs N] [--gc both|workstation|server] [--env KEY=VALUE]... [--no-lsyncd] [--out FILE]</c>: the resident memory of a whole running job
/// (the <c>agent</c>: watcher, coalescer, remote worker against a loopback rsync daemon) on an empty folder and on a
/// tree of N folders, against lsyncd on the same trees. RSS is read from /proc/PID/status after it stops moving, with no
/// forced collection: what an admin sees in <c>ps</c>. The agent's own GC figures (with and without a full collection)
/// and the managed size of the watch tree's structures say where the difference goes. The agent runs under the
/// workstation GC the bench is built with and under the server GC the web host (Microsoft.NET.Sdk.Web) defaults to.
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dirs = int.Parse(Arg(args, "--dirs") ?? "100000", CultureInfo.InvariantCulture);
        var output = Arg(args, "--out");
        var withLsyncd = !args.Contains("--no-lsyncd");
        var gc = Arg(args, "--gc") ?? "both";
        var environment = new Dictionary<string, string>();
        for (var i = 0; i < args.Length - 1; i++)
            if (args[i] == "--env" && args[i + 1].Split('=', 2) is [var key, var value]) environment[key] = value;

        var report = new StringBuilder();
        void Say(string line)
        {
            Console.Error.WriteLine(line);
            report.AppendLine(line);
        }
        Say($"memory benchmark: {dirs:N0} folders, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
            $"fs.inotify.max_user_watches={File.ReadAllText("/proc/sys/fs/inotify/max_user_watches").Trim()}, " +
            $"agent environment: {(environment.Count == 0 ? "(none)" : string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}")))}");

        await using var daemon = await RsyncDaemonFixture.StartNewAsync("bench");
        using var work = new TempDirectory("syncconsole-memory");
        var target = Target.For(daemon, work);
        var empty = Directory.CreateDirectory(work.Combine("empty")).FullName;
        var tree = Directory.CreateDirectory(work.Combine("tree")).FullName;
        var sw = Stopwatch.StartNew();
        WatcherBenchmark.CreateTree(tree, dirs);
        Say($"created {dirs:N0} folders in {sw.Elapsed.TotalSeconds:0.0} s");

        foreach (var (name, server) in new[] { ("workstation GC (as the bench is built)", false), ("server GC (as the web host runs; DOTNET_gcServer=1)", true) })
        {
            if (gc != "both" && gc != (server ? "server" : "workstation")) continue;
            var env = new Dictionary<string, string>(environment);
            if (server) env.TryAdd("DOTNET_gcServer", "1");
            Say($"-- SyncConsole agent, {name}");
            var idle = await MeasureAgentAsync(empty, target, work, env, Say);
            var loaded = await MeasureAgentAsync(tree, target, work, env, Say);
            Say($"SyncConsole agent, {name}: idle {idle.Rss:0.0} MiB, at {dirs:N0} folders {loaded.Rss:0.0} MiB: **+{loaded.Rss - idle.Rss:0.0} MiB** " +
                $"({(loaded.Rss - idle.Rss) * 1024 * 1024 / dirs:0} B per folder); after one GC.Collect() +{loaded.RssAfterCollect - idle.Rss:0.0} MiB; " +
                $"after an aggressive GC +{loaded.RssAfterGc - idle.RssAfterGc:0.0} MiB; " +
                $"managed live after GC +{loaded.LiveAfterGc - idle.LiveAfterGc:0.0} MiB");
        }
        if (withLsyncd)
        {
            var lsyncdIdle = await MeasureLsyncdAsync(empty, target, work);
            var lsyncdLoaded = await MeasureLsyncdAsync(tree, target, work);
            Say($"lsyncd:            idle {lsyncdIdle:0.0} MiB, at {dirs:N0} folders {lsyncdLoaded:0.0} MiB: **+{lsyncdLoaded - lsyncdIdle:0.0} MiB**");
        }
        Say(WatchTreeCost(dirs));
        if (output is not null) File.WriteAllText(output, report.ToString());
        return 0;
    }

    private sealed record AgentMemoryFigures(double Rss, double RssAfterCollect, double RssAfterGc, double LiveAfterGc);

    private static async Task<AgentMemoryFigures> MeasureAgentAsync(string src, Target target, TempDirectory work,
        IReadOnlyDictionary<string, string> environment, Action<string> say)
    {
        var agent = new SyncConsoleContender(environment);
        var sw = Stopwatch.StartNew();
        await agent.StartAsync(src, target, work.Path);
        try
        {
            var ready = sw.Elapsed;
            var rss = await SettledRssAsync(() => agent.RssKiB);
            var plain = await agent.AskAsync("mem");
            var collectedOnce = await agent.AskAsync("collect");
            var collected = await agent.AskAsync("gc");
            say($"agent on {Path.GetFileName(src)}: READY after {ready.TotalSeconds:0.0} s, settled RSS {rss:0.0} MiB");
            say($"  as is:         {plain}");
            say($"  GC.Collect():  {collectedOnce}");
            say($"  aggressive GC: {collected}");
            return new AgentMemoryFigures(rss, Field(collectedOnce, "rss"), Field(collected, "rss"), Field(collected, "live"));
        }
        finally { await agent.StopAsync(); }
    }

    private static async Task<double> MeasureLsyncdAsync(string src, Target target, TempDirectory work)
    {
        var lsyncd = new LsyncdContender(0.1);
        var dir = Directory.CreateTempSubdirectory("lsyncd-memory-").FullName;
        await lsyncd.StartAsync(src, target, dir);
        try { return await SettledRssAsync(() => lsyncd.RssKiB); }
        finally
        {
            await lsyncd.StopAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>RSS in MiB once three one-second samples in a row move less than 256 KiB (at most 60 s).</summary>
    private static async Task<double> SettledRssAsync(Func<long> rssKiB)
    {
        var sw = Stopwatch.StartNew();
        var last = rssKiB();
        var steady = 0;
        while (steady < 3 && sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(1000);
            var now = rssKiB();
            steady = Math.Abs(now - last) < 256 ? steady + 1 : 0;
            last = now;
        }
        return last / 1024.0;
    }

    /// <summary>
    /// The managed bytes of the watcher's wd → folder map for a tree of the bench's shape, built without inotify (fake
    /// watch descriptors), split into its parts by building each part alone.
    /// </summary>
    private static string WatchTreeCost(int dirs)
    {
        const double MiB = 1024 * 1024;
        var before = Live();
        var watchTree = new WatchTree(1);
        var wd = 2;
        for (var top = 0; wd - 2 < dirs; top++)
        {
            var topNode = watchTree.Add(watchTree.Root, $"d{top:0000}", wd++);
            for (var sub = 0; sub < 99 && wd - 2 < dirs; sub++) watchTree.Add(topNode, $"s{sub:00}", wd++);
        }
        var total = Live() - before;

        before = Live();
        var byWd = new Dictionary<int, object>();
        for (var i = 0; i < dirs; i++) byWd[i + 2] = byWd;
        var map = Live() - before;

        before = Live();
        var nodes = new WatchNode[dirs];
        for (var i = 0; i < dirs; i++) nodes[i] = new WatchNode(i, null, "", "");
        var nodeObjects = Live() - before - (24 + 8L * dirs); // without the array holding them

        before = Live();
        var strings = new string[dirs * 2];
        for (var i = 0; i < dirs; i++)
        {
            strings[2 * i] = $"s{i % 99:00}";
            strings[2 * i + 1] = $"d{i / 99:0000}/s{i % 99:00}";
        }
        var names = Live() - before - (24 + 16L * dirs);
        var children = total - map - nodeObjects - names;
        GC.KeepAlive(watchTree);
        GC.KeepAlive(byWd);
        GC.KeepAlive(nodes);
        GC.KeepAlive(strings);
        return string.Join(", ",
            $"WatchTree for {dirs:N0} folders (managed, live): {total / MiB:0.0} MiB = {total / (double)dirs:0} B per folder: wd map {map / MiB:0.0} MiB",
            $"WatchNode objects {nodeObjects / MiB:0.0} MiB",
            $"name + path strings {names / MiB:0.0} MiB",
            $"per-folder children dictionaries {children / MiB:0.0} MiB");

        static long Live()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return GC.GetTotalMemory(true);
        }
    }

    private static double Field(string memLine, string key) =>
        double.Parse(memLine.Split(' ').First(p => p.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..], CultureInfo.InvariantCulture);

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
