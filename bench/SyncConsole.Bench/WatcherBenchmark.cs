using System.Diagnostics;
using SyncConsole.Engine.Coalescing;
using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Watching;

namespace SyncConsole.Bench;

/// <summary>
/// How fast the watcher sets up watches on a big tree, what that costs in memory, and how many events per second
/// it keeps up with while writers hammer the tree (changes fed into a real ChangeCoalescer, as a job would).
/// </summary>
internal static class WatcherBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dirs = IntOption(args, "--dirs", 100_000);
        var seconds = IntOption(args, "--seconds", 5);
        var parent = StringOption(args, "--root", Path.GetTempPath());
        var root = Path.Combine(parent, $"syncconsole-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            Console.WriteLine($"watcher benchmark: {dirs} directories under {root}, {Environment.ProcessorCount} cores, " +
                $"max_user_watches={Read("/proc/sys/fs/inotify/max_user_watches")}, max_queued_events={Read("/proc/sys/fs/inotify/max_queued_events")}");
            var sw = Stopwatch.StartNew();
            var leaves = CreateTree(root, dirs);
            Console.WriteLine($"created tree:           {sw.Elapsed.TotalSeconds,8:F2} s");

            await SetupAsync(root, dirs);
            await ThroughputAsync(root, leaves, seconds);
            await ReaderCapacityAsync(root);
            return 0;
        }
        finally
        {
            var sw = Stopwatch.StartNew();
            Directory.Delete(root, recursive: true);
            Console.WriteLine($"removed tree:           {sw.Elapsed.TotalSeconds,8:F2} s");
        }
    }

    private static async Task SetupAsync(string root, int dirs)
    {
        ForceGc();
        var rssBefore = RssKiB();
        var signals = 0;
        var sw = Stopwatch.StartNew();
        await using (var watcher = new InotifyWatcher(root, SyncEventMask.SersyncDefault, new PathFilter(), _ => { }, s =>
        {
            Interlocked.Increment(ref signals);
            Console.WriteLine($"signal: {s.Kind}: {s.Message}");
        }))
        {
            await watcher.StartAsync();
            var elapsed = sw.Elapsed;
            ForceGc();
            var rssAfter = RssKiB();
            Console.WriteLine($"watches set up:         {watcher.WatchCount,8} (expected {dirs + 1})");
            Console.WriteLine($"setup time:             {elapsed.TotalSeconds,8:F2} s  ({watcher.WatchCount / elapsed.TotalSeconds:F0} dirs/s)");
            Console.WriteLine($"RSS before / after:     {rssBefore / 1024.0,8:F1} MiB / {rssAfter / 1024.0:F1} MiB  " +
                $"(+{(rssAfter - rssBefore) / 1024.0:F1} MiB, {(rssAfter - rssBefore) * 1024.0 / Math.Max(1, watcher.WatchCount):F0} B per watch)");
            sw.Restart();
        }
        Console.WriteLine($"watcher disposed:       {sw.Elapsed.TotalSeconds,8:F2} s; signals: {signals}");
    }

    private static async Task ThroughputAsync(string root, List<string> leaves, int seconds)
    {
        long changes = 0;
        long overflows = 0;
        var coalescer = new ChangeCoalescer(TimeSpan.FromMilliseconds(20), 10_000);
        await using var watcher = new InotifyWatcher(root, SyncEventMask.All, new PathFilter(), c =>
        {
            coalescer.Add(c);
            changes++; // only the reader thread writes it
        }, s =>
        {
            if (s.Kind == WatcherSignalKind.Overflow) Interlocked.Increment(ref overflows);
        });
        await watcher.StartAsync();

        // Drain batches like a delivery loop with instant runs, so the pending set stays realistic.
        using var stop = new CancellationTokenSource();
        long batches = 0;
        var consumer = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await coalescer.NextBatchAsync(stop.Token);
                    batches++;
                }
            }
            catch (OperationCanceledException) { }
        });

        var writers = Math.Max(2, Environment.ProcessorCount);
        long writes = 0;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var eventsAtStart = watcher.EventsRead;
        var sw = Stopwatch.StartNew();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            var buffer = new byte[64];
            var i = 0;
            while (DateTime.UtcNow < deadline)
            {
                // Rewrite a bounded set of files across many directories: create/modify/close_write events.
                var dir = leaves[(w * 7919 + i) % leaves.Count];
                using (var handle = File.OpenHandle(Path.Combine(dir, $"w{w}-{i % 50}.dat"), FileMode.Create, FileAccess.Write))
                    RandomAccess.Write(handle, buffer, 0);
                i++;
                Interlocked.Increment(ref writes);
            }
        })));
        var writeTime = sw.Elapsed;
        // Let the reader drain what the kernel still holds.
        var drainStart = sw.Elapsed;
        long last;
        do
        {
            last = watcher.EventsRead;
            await Task.Delay(200);
        } while (watcher.EventsRead != last);
        var total = sw.Elapsed - TimeSpan.FromMilliseconds(200);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        stop.Cancel();
        await consumer;

        var events = watcher.EventsRead - eventsAtStart;
        Console.WriteLine($"writers:                {writers} threads, {writes} file writes in {writeTime.TotalSeconds:F2} s ({writes / writeTime.TotalSeconds:F0} writes/s)");
        Console.WriteLine($"inotify events read:    {events,8} in {total.TotalSeconds:F2} s  => {events / total.TotalSeconds,10:F0} events/s sustained " +
            $"(drain after writers stopped: {(total - drainStart).TotalMilliseconds:F0} ms)");
        Console.WriteLine($"changes reported:       {changes,8}  => {changes / total.TotalSeconds,10:F0} changes/s into the coalescer; {batches} batches; overflows: {Interlocked.Read(ref overflows)}");
        Console.WriteLine($"process CPU during run: {cpu.TotalSeconds:F2} s (writers + reader + coalescer); RSS now {RssKiB() / 1024.0:F1} MiB");
    }

    /// <summary>
    /// The reader's own ceiling, independent of how fast this machine's writers are: synthetic close_write events
    /// (10 000 distinct names, so the coalescer also collapses) pushed through the real parse/filter/dispatch path.
    /// </summary>
    private static async Task ReaderCapacityAsync(string root)
    {
        const int perBuffer = 8192;
        const int buffers = 244; // about 2 million events
        var coalescer = new ChangeCoalescer(TimeSpan.FromMilliseconds(20), 10_000);
        await using var watcher = new InotifyWatcher(root, SyncEventMask.SersyncDefault, new PathFilter([@"(.*)\.svn"]), coalescer.Add);
        await watcher.StartAsync();
        var wd = watcher.RootWatchDescriptor;
        var raw = new List<byte[]>();
        for (var b = 0; b < buffers; b++)
        {
            var buffer = new byte[perBuffer * 32];
            for (var e = 0; e < perBuffer; e++)
            {
                var slot = buffer.AsSpan(e * 32, 32);
                BitConverter.TryWriteBytes(slot, wd);
                BitConverter.TryWriteBytes(slot[4..], 0x8u); // IN_CLOSE_WRITE
                BitConverter.TryWriteBytes(slot[12..], 16u);
                System.Text.Encoding.ASCII.GetBytes($"f{(b * perBuffer + e) % 10_000:00000}.dat", slot[16..]);
            }
            raw.Add(buffer);
        }
        var target = watcher.EventsRead + (long)perBuffer * buffers;
        ForceGc();
        var gen0 = GC.CollectionCount(0);
        var sw = Stopwatch.StartNew();
        foreach (var buffer in raw) watcher.InjectRawEvents(buffer);
        while (watcher.EventsRead < target) await Task.Delay(1);
        var elapsed = sw.Elapsed;
        Console.WriteLine($"reader capacity:        {perBuffer * buffers,8} synthetic events in {elapsed.TotalSeconds:F2} s => " +
            $"{perBuffer * buffers / elapsed.TotalSeconds,10:F0} events/s (parse + filter + path + coalescer), " +
            $"{GC.CollectionCount(0) - gen0} gen0 GCs, {coalescer.Count} pending paths");
    }

    /// <summary>dirs directories: top-level folders of up to 100 subfolders each, two levels deep at most.</summary>
    internal static List<string> CreateTree(string root, int dirs)
    {
        var leaves = new List<string>();
        var made = 0;
        for (var top = 0; made < dirs; top++)
        {
            var topDir = Path.Combine(root, $"d{top:0000}");
            Directory.CreateDirectory(topDir);
            made++;
            for (var sub = 0; sub < 99 && made < dirs; sub++, made++)
            {
                var leaf = Path.Combine(topDir, $"s{sub:00}");
                Directory.CreateDirectory(leaf);
                leaves.Add(leaf);
            }
        }
        return leaves;
    }

    private static void ForceGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long RssKiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
        return 0;
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : "?";

    private static int IntOption(string[] args, string name, int fallback) =>
        int.TryParse(StringOption(args, name, null), out var value) ? value : fallback;

    private static string StringOption(string[] args, string name, string? fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback!;
    }
}
