using Microsoft.Extensions.Logging.Abstractions;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;
using Xunit.Abstractions;

namespace SyncConsole.Engine.Tests.Running;

/// <summary>Item 8 of issue 12: each changed path is sent once per change (real inotify, real daemon, -artuz).</summary>
public sealed class SentOnceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory source = new("syncconsole-once");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly RsyncConcurrencyLimiter limiter = new(4);
    private RsyncDaemonFixture daemon = null!;
    private BatchDeliverer deliverer = null!;

    public async Task InitializeAsync()
    {
        daemon = await RsyncDaemonFixture.StartNewAsync();
        deliverer = TestEngine.Deliverer(journal, events, limiter);
    }

    public async Task DisposeAsync()
    {
        await daemon.DisposeAsync();
        limiter.Dispose();
        source.Dispose();
    }

    private JobDefinition Job() => new()
    {
        Id = 8, Name = "burst", WatchPath = source.Path, RsyncParams = "-artuz", Remotes = [daemon.Remote()],
    };

    [Fact]
    public async Task BurstIntoNewNestedFolders_520FilesArrive_520Transferred()
    {
        await using var runner = new JobRunner(Job(), deliverer, journal, events, new JobRunnerOptions(), TimeProvider.System, NullLogger.Instance, plugins: null);
        await runner.StartAsync();

        // Each file lands whole (written beside the tree, renamed in): a plain write can be caught half-done by the
        // folder's run, which then rightly sends it again (see the next test), and the count would depend on luck.
        using var staging = new TempDirectory("syncconsole-once-staging");
        for (var i = 0; i < 520; i++) File.WriteAllText(staging.Combine($"s{i}.txt"), $"file {i}");
        var written = 0;
        for (var a = 0; a < 13; a++)
        {
            for (var b = 0; b < 4; b++)
            {
                var folder = source.Combine($"burst/a{a}/b{b}");
                Directory.CreateDirectory(folder);
                for (var f = 0; f < 10; f++, written++) File.Move(staging.Combine($"s{written}.txt"), Path.Combine(folder, $"f{f}.txt"));
            }
            // The rest of the burst goes on while the new folder's recursive run is in flight, whatever the machine's speed.
            if (a == 0) await Eventually.TrueAsync(() => events.Recent(0, 100_000).Any(e => e.Kind == EngineEventKind.RsyncStarted), "the folder's run started");
        }
        Assert.Equal(520, written);

        await Eventually.TrueAsync(() => runner.Status.Remotes[0] is { Busy: false, PendingPaths: 0 } && TreeAssert.AreIdentical(source.Path, daemon.ModulePath),
            "the remote ends identical", 60);
        // Late events would be a further run: give them time to show up.
        await Task.Delay(500);
        await Eventually.TrueAsync(() => runner.Status.Remotes[0] is { Busy: false, PendingPaths: 0 }, "quiet", 60);
        foreach (var run in journal.Runs) output.WriteLine($"{run.Kind} paths={run.PathCount} transferred={run.FilesTransferred} checksum={run.CommandLine.Contains("--checksum")}");
        Assert.True(journal.Runs.Count >= 2, "the burst went on after the folder's first run started");
        Assert.Equal(520, journal.Runs.Sum(r => r.FilesTransferred));
        TreeAssert.Identical(source.Path, daemon.ModulePath);
        Assert.Empty(journal.Failures);
    }

    /// <summary>Moves a file of random bytes into the tree in one step.</summary>
    private static void MoveIn(string outsideRoot, string target, int bytes)
    {
        var outside = Path.Combine(outsideRoot, $"big-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(outside, System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
        File.Move(outside, target);
    }

    [Fact]
    public async Task FileInANewFolder_ChangedAgainWhileTheFolderRunIsInFlight_IsSentAgain()
    {
        // ~2 MB at 400 KiB/s: the folder's run takes about five seconds; rsync sends "a-small.txt" first.
        var job = Job() with { Remotes = [daemon.Remote() with { BandwidthLimitKbps = 400 }] };
        await using var runner = new JobRunner(job, deliverer, journal, events, new JobRunnerOptions(), TimeProvider.System, NullLogger.Instance, plugins: null);
        await runner.StartAsync();
        using var outside = new TempDirectory("syncconsole-once-outside");
        var folder = outside.Combine("album");
        Directory.CreateDirectory(folder);
        var small = Path.Combine(folder, "a-small.txt");
        File.WriteAllText(small, "version-1");
        var mtime = File.GetLastWriteTimeUtc(small);
        MoveIn(outside.Path, Path.Combine(folder, "big.bin"), 2_000_000);

        Directory.Move(folder, source.Combine("album"));
        var remoteSmall = Path.Combine(daemon.ModulePath, "album", "a-small.txt");
        await Eventually.TrueAsync(() => File.Exists(remoteSmall) && File.ReadAllText(remoteSmall) == "version-1", "the folder's run sent the first version", 30);
        Assert.True(runner.Status.Remotes[0].Busy, "the folder's run is still in flight");

        // Changed after the run sent it: same size, and the old mtime, so rsync's quick check alone would miss it.
        File.WriteAllText(source.Combine("album/a-small.txt"), "version-2");
        File.SetLastWriteTimeUtc(source.Combine("album/a-small.txt"), mtime);

        await Eventually.TrueAsync(() => File.ReadAllText(remoteSmall) == "version-2", "the second version arrived", 60);
        await Eventually.TrueAsync(() => runner.Status.Remotes[0] is { Busy: false, PendingPaths: 0 } && TreeAssert.AreIdentical(source.Path, daemon.ModulePath),
            "the remote ends identical", 60);
        var followUp = journal.Runs.Last();
        Assert.Contains("--checksum", followUp.CommandLine);
        Assert.Equal(1, followUp.FilesTransferred);
        // big.bin once, a-small.txt twice (each version once).
        Assert.Equal(3, journal.Runs.Sum(r => r.FilesTransferred));
        Assert.Empty(journal.Failures);
    }
}
