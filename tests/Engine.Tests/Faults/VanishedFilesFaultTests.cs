using Microsoft.Extensions.Logging.Abstractions;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;
using Xunit.Abstractions;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Faults;

/// <summary>
/// Files deleted while rsync is sending them (exit 24, "some files vanished") are a success: their delete is
/// the next batch's job, so no fail-log entry and no warning noise may come of it.
/// </summary>
[Trait("Category", "Fault")]
public sealed class VanishedFilesFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FileCount = 30;
    private readonly TempDirectory source = new("syncconsole-fault-vanish");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly RsyncConcurrencyLimiter limiter = new(2);
    private RsyncDaemonFixture daemon = null!;

    public async Task InitializeAsync() => daemon = await RsyncDaemonFixture.StartNewAsync();

    public async Task DisposeAsync()
    {
        await daemon.DisposeAsync();
        limiter.Dispose();
        source.Dispose();
    }

    [Fact]
    public async Task DeliverAsync_FilesVanishMidTransfer_Exit24CountsAsSuccessWithoutFailLog()
    {
        var job = new JobDefinition { Id = 1, Name = "vanish", WatchPath = source.Path };
        // A slow link (bandwidth limit) keeps rsync sending long enough to delete files it has listed but not sent.
        var remote = daemon.Remote() with { BandwidthLimitKbps = 1000 };
        var random = new Random(24);
        var batch = new List<ChangedPath>();
        for (var i = 0; i < FileCount; i++)
        {
            var bytes = new byte[200_000];
            random.NextBytes(bytes);
            File.WriteAllBytes(source.Combine($"big{i:00}.bin"), bytes);
            batch.Add(new ChangedPath($"big{i:00}.bin", false));
        }
        var deliverer = TestEngine.Deliverer(journal, events, limiter);

        var delivery = deliverer.DeliverAsync(job, remote, batch, RunKind.Realtime, CancellationToken.None);
        await Eventually.TrueAsync(() => Directory.EnumerateFileSystemEntries(daemon.ModulePath).Any() || delivery.IsCompleted, "rsync started sending", 60);
        for (var i = FileCount / 2; i < FileCount; i++) File.Delete(source.Combine($"big{i:00}.bin"));
        var outcome = await delivery;

        var exitCodes = journal.Runs.Select(r => r.ExitCode).ToList();
        output.WriteLine($"exit codes: {string.Join(", ", exitCodes)}");
        Assert.Contains(RsyncExitCodes.Vanished, exitCodes);
        Assert.True(outcome.Succeeded, "exit 24 is a success");
        Assert.All(journal.Runs, r => Assert.True(r.Succeeded, $"run with exit {r.ExitCode} must count as success"));
        Assert.Empty(journal.Failures);
        Assert.DoesNotContain(events.Recent(), e => e.Kind is EngineEventKind.JobError or EngineEventKind.RsyncFailed or EngineEventKind.DeliveryWarning or EngineEventKind.JobWarning);

        // The deletes the watcher would report next: after them the remote holds exactly the surviving bytes.
        var deletes = batch.Skip(FileCount / 2).ToList();
        Assert.True((await deliverer.DeliverAsync(job, remote with { BandwidthLimitKbps = null }, deletes, RunKind.Realtime, CancellationToken.None)).Succeeded);
        TreeAssert.Identical(source.Path, daemon.ModulePath);
        Assert.Empty(journal.Failures);
    }
    [Fact]
    public async Task JobRunner_FilesWrittenAndDeletedQuicklyOnASlowLink_NoFailLogAndRemoteIdentical()
    {
        var job = new JobDefinition { Id = 2, Name = "churn", WatchPath = source.Path, Remotes = [daemon.Remote() with { BandwidthLimitKbps = 2000 }] };
        var deliverer = TestEngine.Deliverer(journal, events, limiter);
        await using var runner = new JobRunner(job, deliverer, journal, events, new JobRunnerOptions(), TimeProvider.System, NullLogger.Instance, plugins: null);
        await runner.StartAsync();
        var random = new Random(2024);

        // Short-lived files, like an editor's or a build's: most are gone before or while rsync sends them.
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(10_000, 60_000)];
            random.NextBytes(bytes);
            var path = source.Combine($"churn{i:000}.bin");
            File.WriteAllBytes(path, bytes);
            if (i % 3 != 0) File.Delete(source.Combine($"churn{random.Next(0, i + 1):000}.bin"));
            if (i % 20 == 19) await Task.Delay(50);
        }

        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(source.Path, daemon.ModulePath), "remote identical after the churn", 90);
        TreeAssert.Identical(source.Path, daemon.ModulePath);
        output.WriteLine($"exit codes: {string.Join(", ", journal.Runs.Select(r => r.ExitCode))}");
        Assert.Empty(journal.Failures);
        Assert.DoesNotContain(events.Recent(), e => e.Kind is EngineEventKind.JobError or EngineEventKind.RsyncFailed);
    }
}
