using Microsoft.Extensions.Logging.Abstractions;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;
using Xunit.Abstractions;

namespace SyncConsole.Engine.Tests.Faults;

/// <summary>
/// A long seeded burst of writes, renames (of files and folders, also over existing files), nested creates and
/// deletes of non-empty folders against a live job: only the incremental path (no full sync is ever requested)
/// must bring the remote to the same bytes. The seed is printed; SYNCCONSOLE_FAULT_SEED replays a run.
/// </summary>
[Trait("Category", "Fault")]
public sealed class RandomOperationsFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory source = new("syncconsole-fault-random");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly RsyncConcurrencyLimiter limiter = new(4);
    private RsyncDaemonFixture daemon = null!;

    public async Task InitializeAsync() => daemon = await RsyncDaemonFixture.StartNewAsync();

    public async Task DisposeAsync()
    {
        await daemon.DisposeAsync();
        limiter.Dispose();
        source.Dispose();
    }

    [Fact]
    public async Task JobRunner_SeededBurstOfRenamesDeletesAndWrites_RemoteEndsByteIdentical()
    {
        var seed = FaultSeed.Resolve(output);
        var job = new JobDefinition { Id = 1, Name = "random burst", WatchPath = source.Path, Remotes = [daemon.Remote()] };
        var deliverer = TestEngine.Deliverer(journal, events, limiter);
        await using var runner = new JobRunner(job, deliverer, journal, events, new JobRunnerOptions(), TimeProvider.System, NullLogger.Instance, plugins: null);
        await runner.StartAsync();

        var operations = new RandomTreeOperations(source.Path, seed);
        for (var i = 0; i < 3_000; i++)
        {
            operations.Step();
            // Yield now and then so the burst interleaves with deliveries instead of landing in one batch.
            if (i % 200 == 199) await Task.Delay(20);
        }
        output.WriteLine($"operations: {operations.Summary()}");

        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(source.Path, daemon.ModulePath), $"remote identical after the burst (seed {seed})", 90);
        TreeAssert.Identical(source.Path, daemon.ModulePath);
        Assert.Empty(journal.Failures.Where(f => f.ExitCode is not (23 or 24)).Select(f => $"exit {f.ExitCode}: {f.StderrTail}"));
        output.WriteLine($"runs: {journal.Runs.Count}, failures: {journal.Failures.Count}");
    }
}
