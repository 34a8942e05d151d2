using SyncConsole.Engine.Delivery.Guard;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;

namespace SyncConsole.Bench.Sync;

/// <summary>
/// <c>agent SRC HOST PORT MODULE USER PASSWORDFILE</c>: runs one SyncConsole job (no web host) until stdin closes.
/// Prints READY once the watches are set. Each stdin line <c>mem</c> answers one <c>MEM ...</c> line (RSS as <c>ps</c>
/// shows it, GC heap figures, watch count) without collecting; <c>collect</c> first runs a plain <c>GC.Collect()</c> (what
/// the engine could call after setting up its watches), <c>gc</c> an aggressive one that also gives memory back.
/// </summary>
internal static class EngineAgent
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (src, host, port, module, user, passwordFile) = (args[1], args[2], int.Parse(args[3]), args[4], args[5], args[6]);
        var job = new JobDefinition
        {
            Id = 1, Name = "bench", WatchPath = src, RsyncParams = "-a", DeleteEnabled = true,
            Events = SyncEventMask.SersyncDefault, InitialFullSync = false,
            Remotes = [new RemoteDefinition
            {
                Id = 1, Name = "bench", Host = host, ModuleOrPath = module, User = user, Port = port,
                Password = File.ReadAllText(passwordFile).TrimEnd('\n'),
            }],
        };
        var events = new EngineEventStream(TimeProvider.System);
        var journal = new InMemoryDeliveryJournal();
        using var limiter = new RsyncConcurrencyLimiter();
        var rsync = new RsyncRunner(TimeProvider.System, ledger: null);
        var deliverer = new BatchDeliverer(journal, events, limiter, rsync, new DeliveryOptions(), TimeProvider.System,
            new DeletionGuard(limiter, rsync, devices: null));
        await using var runner = new JobRunner(job, deliverer, journal, events, new JobRunnerOptions(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, plugins: null);
        await runner.StartAsync();
        if (Environment.GetEnvironmentVariable("SYNCBENCH_TRACE") == "1") _ = TraceAsync(events);
        Console.WriteLine("READY");
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command == "collect") GC.Collect();
            if (command == "gc")
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
            if (command is "mem" or "collect" or "gc") Console.WriteLine(AgentMemory.Describe(runner.Status.WatchedFolders));
        }
        var failures = journal.Failures.Count;
        if (failures > 0) Console.Error.WriteLine($"agent: {failures} failed deliveries");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>SYNCBENCH_TRACE=1: batches and runs with their timing on stderr, to see where latency goes.</summary>
    private static async Task TraceAsync(EngineEventStream events)
    {
        using var subscription = events.Subscribe();
        await foreach (var e in subscription.Reader.ReadAllAsync())
            if (e.Kind is not EngineEventKind.FileChanged)
                Console.Error.WriteLine($"{e.Time:HH:mm:ss.fff} {e.Kind} paths={e.PathCount} ms={e.DurationMs:0} {e.Message}");
    }
}
