using Microsoft.Extensions.Logging.Abstractions;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.Engine.Tests.Watching;
using SyncConsole.Engine.Watching;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Running;

/// <summary>Whole jobs: real inotify on a temp folder, real rsync, real loopback daemons.</summary>
public sealed class JobRunnerTests : IAsyncLifetime
{
    private readonly TempDirectory source = new("syncconsole-job");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly RsyncConcurrencyLimiter limiter = new(4);
    private RsyncDaemonFixture first = null!;
    private RsyncDaemonFixture second = null!;
    private BatchDeliverer deliverer = null!;

    public async Task InitializeAsync()
    {
        first = await RsyncDaemonFixture.StartNewAsync();
        second = await RsyncDaemonFixture.StartNewAsync();
        deliverer = TestEngine.Deliverer(journal, events, limiter);
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        limiter.Dispose();
        source.Dispose();
    }

    private JobDefinition Job(params RsyncDaemonFixture[] daemons) => new()
    {
        Id = 3, Name = "docs", WatchPath = source.Path,
        Remotes = daemons.Select((d, i) => d.Remote(id: i + 1)).ToList(),
    };

    private JobRunner Runner(JobDefinition job, JobRunnerOptions? options = null) => new(job, deliverer, journal, events, options ?? new JobRunnerOptions(), TimeProvider.System, NullLogger.Instance, plugins: null);

    private void Write(string relative, string content)
    {
        var full = source.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    private static bool Has(RsyncDaemonFixture daemon, string relative, string content)
    {
        var path = Path.Combine(daemon.ModulePath, relative);
        try { return File.Exists(path) && File.ReadAllText(path) == content; }
        catch (IOException) { return false; }
    }

    [Fact]
    public async Task StartAsync_FilesWrittenRenamedAndDeleted_EveryRemoteEndsIdentical()
    {
        await using var runner = Runner(Job(first, second));
        await runner.StartAsync();

        Write("a/one.txt", "1");
        Write("a/b/two.txt", "2");
        Write("gone.txt", "x");
        await Eventually.TrueAsync(() => Has(first, "gone.txt", "x") && Has(second, "gone.txt", "x"), "first wave on both remotes");
        File.Delete(source.Combine("gone.txt"));
        Directory.Move(source.Combine("a"), source.Combine("renamed"));
        Write("renamed/b/three.txt", "3");

        await Eventually.TrueAsync(() => Has(first, "renamed/b/three.txt", "3") && Has(second, "renamed/b/three.txt", "3")
            && !Directory.Exists(Path.Combine(first.ModulePath, "a")) && !Directory.Exists(Path.Combine(second.ModulePath, "a"))
            && !File.Exists(Path.Combine(second.ModulePath, "gone.txt")), "rename and delete on both remotes");
        TreeAssert.Identical(source.Path, first.ModulePath);
        TreeAssert.Identical(source.Path, second.ModulePath);
        Assert.Empty(journal.Failures);
        Assert.Contains(events.Recent(), e => e.Kind == EngineEventKind.FileChanged && e.Path == "renamed/b/three.txt");
    }

    [Fact]
    public async Task FolderMovedInFromOutside_ItsExcludedFilesAndFoldersStayOffTheRemote()
    {
        var job = Job(first) with { ExcludeRegexes = [@"(.*)\.log", @"(.*)/cache"] };
        await using var runner = Runner(job);
        await runner.StartAsync();
        using var outside = new TempDirectory("syncconsole-outside");
        foreach (var f in new[] { "index.html", "a/b/keep.txt", "a/b/.page.swp", "notes~", "a/debug.log", "cache/x.html", "a/b/cache/y/z.html" })
        {
            var full = outside.Combine("site", f);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, f);
        }

        Directory.Move(outside.Combine("site"), source.Combine("site"));

        await Eventually.TrueAsync(() => Has(first, "site/index.html", "index.html") && Has(first, "site/a/b/keep.txt", "a/b/keep.txt")
            && journal.Runs.Any(r => r.Succeeded), "moved-in folder delivered");
        var remote = Directory.EnumerateFileSystemEntries(first.ModulePath, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(first.ModulePath, p)).Order(StringComparer.Ordinal);
        Assert.Equal(["site", "site/a", "site/a/b", "site/a/b/keep.txt", "site/index.html"], remote);
        Assert.Empty(journal.Failures);
    }

    [Fact]
    public async Task StartAsync_InitialFullSync_CopiesTheExistingTreeAndRemovesStrays()
    {
        Write("existing/file.txt", "old news");
        File.WriteAllText(Path.Combine(first.ModulePath, "stray.txt"), "only on the remote");
        await using var runner = Runner(Job(first) with { InitialFullSync = true });
        await runner.StartAsync();

        await Eventually.TrueAsync(() => Has(first, "existing/file.txt", "old news")
            && !File.Exists(Path.Combine(first.ModulePath, "stray.txt")), "initial full sync");
        // The run is journaled once rsync has exited, a moment after the files land.
        await Eventually.TrueAsync(() => journal.Runs.Any(r => r.Kind == RunKind.Full && r.Succeeded), "full run journaled");
    }

    [Fact]
    public async Task QueueOverflow_TriggersReconcilingFullSync()
    {
        await using var runner = Runner(Job(first));
        await runner.StartAsync();
        File.WriteAllText(Path.Combine(first.ModulePath, "drift.txt"), "changed behind our back");
        Write("unseen.txt", "written while events were lost");
        await Eventually.TrueAsync(() => Has(first, "unseen.txt", "written while events were lost"), "normal delivery");

        runner.Watcher!.InjectRawEvents(RawInotifyEvent.Build(-1, InotifyNative.IN_Q_OVERFLOW));

        await Eventually.TrueAsync(() => !File.Exists(Path.Combine(first.ModulePath, "drift.txt")), "full sync removed the drift");
        Assert.Contains(events.Recent(), e => e.Kind == EngineEventKind.WatchOverflow && e.JobId == 3);
        await Eventually.TrueAsync(() => journal.Runs.Any(r => r.Kind == RunKind.Full), "full run journaled");
        TreeAssert.Identical(source.Path, first.ModulePath);
    }

    [Fact]
    public async Task StartAsync_WatchFolderMissing_ReportsErrorThenRecoversWhenItAppears()
    {
        var missing = source.Combine("not-yet");
        var job = Job(first) with { WatchPath = missing };
        await using var runner = Runner(job, new JobRunnerOptions { MissingRootRetryInterval = TimeSpan.FromMilliseconds(100) });
        await runner.StartAsync();

        Assert.Equal(JobState.Error, runner.Status.State);
        Assert.Contains("not-yet", runner.Status.Reason);

        Directory.CreateDirectory(missing);
        File.WriteAllText(Path.Combine(missing, "late.txt"), "arrived with the folder");
        await Eventually.TrueAsync(() => Has(first, "late.txt", "arrived with the folder"), "reconciled after the folder appeared");
        Assert.NotEqual(JobState.Error, runner.Status.State);
    }

    [Fact]
    public async Task DisposeAsync_ChangesStillPending_AreKeptInTheFailLog()
    {
        // Quiet delay too: a lone change would otherwise go 2 ms after it was seen.
        var job = Job(first) with { SettleDelay = TimeSpan.FromMinutes(10), QuietDelay = TimeSpan.FromMinutes(10) };
        var runner = Runner(job);
        await runner.StartAsync();
        Write("pending.txt", "never sent");
        await Eventually.TrueAsync(() => runner.Status.Remotes.Single().PendingPaths == 1, "change pending");

        await runner.DisposeAsync();

        var failure = Assert.Single(journal.Failures);
        Assert.Equal(-1, failure.ExitCode);
        Assert.Contains(failure.Paths, p => p.RelativePath == "pending.txt");
    }

    [Fact]
    public async Task DisposeAsync_FullSyncQueuedButNotRun_IsKeptAsAFullSyncInTheFailLog()
    {
        var job = Job(first) with { SettleDelay = TimeSpan.FromMinutes(10), QuietDelay = TimeSpan.FromMinutes(10), InitialFullSync = true };
        var runner = Runner(job);
        await runner.StartAsync();
        Write("swallowed.txt", "covered by the queued full sync");
        await Eventually.TrueAsync(() => runner.Status.EventsSeen >= 1, "the change was seen");
        Assert.Equal(1, runner.Status.Remotes.Single().PendingPaths); // the whole-tree entry swallows the change

        await runner.DisposeAsync();

        var failure = Assert.Single(journal.Failures);
        Assert.True(failure.FullSync);
        Assert.Equal(-1, failure.ExitCode);
    }

    [Fact]
    public async Task RemoteDown_ChangesFailThenRemoteBack_ReconcilesEverything()
    {
        await using var runner = Runner(Job(first, second));
        await runner.StartAsync();
        await first.StopAsync();

        Write("during-outage.txt", "must not be lost");
        await Eventually.TrueAsync(() => journal.Failures.Any(f => f.RemoteId == 1), "failure recorded for the dead remote", 60);
        await Eventually.TrueAsync(() => Has(second, "during-outage.txt", "must not be lost"), "the healthy remote is not stalled");

        await first.StartAsync();
        Write("after-outage.txt", "first change after");
        await Eventually.TrueAsync(() => Has(first, "during-outage.txt", "must not be lost") && Has(first, "after-outage.txt", "first change after"),
            "recovery full sync delivered the missed change", 60);
        await Eventually.TrueAsync(() => journal.Runs.Any(r => r.RemoteId == 1 && r.Kind == RunKind.Full && r.Succeeded), "recovery run journaled");
    }

    [Fact]
    public async Task RemoteDown_ThenARetryOutsideTheLoopReachesIt_ReconcilesAQuietJob()
    {
        await using var runner = Runner(Job(first));
        await runner.StartAsync();
        await first.StopAsync();
        Write("during-outage.txt", "must not be lost");
        await Eventually.TrueAsync(() => runner.Status.Remotes[0].LastRunFailed, "the worker saw the outage", 60);

        await first.StartAsync();
        // What a receiver killed mid-transfer leaves behind, which no fail-log entry names.
        File.WriteAllText(Path.Combine(first.ModulePath, ".during-outage.txt.Xy12Ab"), "partial");
        var fullRunsBefore = journal.Runs.Count(r => r.Kind == RunKind.Full);

        // The job stays quiet: only the fail-log retry (outside the worker's loop) tells it the remote is back.
        runner.ReportRemoteRecovered(1, reconciled: false);
        await Eventually.TrueAsync(() => journal.Runs.Count(r => r.Kind == RunKind.Full && r.Succeeded) > fullRunsBefore, "reconciling full sync ran", 60);
        Assert.False(runner.Status.Remotes[0].LastRunFailed);
        TreeAssert.Identical(source.Path, first.ModulePath);
    }

    [Fact]
    public async Task ReportRemoteRecovered_WhenTheRetryWasAFullSyncOrNothingFailed_QueuesNoSecondFullSync()
    {
        await using var runner = Runner(Job(first));
        await runner.StartAsync();
        Write("a.txt", "a");
        await Eventually.TrueAsync(() => Has(first, "a.txt", "a"), "delivered");

        runner.ReportRemoteRecovered(1, reconciled: false);
        Assert.Equal(0, runner.Status.Remotes[0].PendingPaths);

        await first.StopAsync();
        Write("b.txt", "b");
        await Eventually.TrueAsync(() => runner.Status.Remotes[0].LastRunFailed, "the worker saw the outage", 60);
        runner.ReportRemoteRecovered(1, reconciled: true);
        Assert.False(runner.Status.Remotes[0].LastRunFailed);
        Assert.Equal(0, runner.Status.Remotes[0].PendingPaths);
    }

    /// <summary>Moves a file of random bytes into the watched tree in one step (no half-written file is seen).</summary>
    private string MoveInBigFile(string relative, int bytes)
    {
        var outside = Path.Combine(Path.GetDirectoryName(source.Path)!, $"big-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(outside, System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
        var target = source.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(outside, target);
        return relative;
    }

    [Fact]
    public async Task SmallChange_WhileALargeUploadIsInFlight_ArrivesBeforeItDoes()
    {
        // ~2 MB at 400 KiB/s: the large run takes about five seconds.
        var job = Job(first) with { Remotes = [first.Remote() with { BandwidthLimitKbps = 400 }] };
        await using var runner = Runner(job);
        await runner.StartAsync();
        var big = MoveInBigFile("media/big.bin", 2_000_000);
        await Eventually.TrueAsync(() => runner.Status.Remotes[0].Busy, "the large upload started");

        Write("docs/note.txt", "a small edit");

        await Eventually.TrueAsync(() => Has(first, "docs/note.txt", "a small edit"), "the small edit arrived", 30);
        Assert.False(File.Exists(Path.Combine(first.ModulePath, big)), "the small edit waited for the large upload");
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(first.ModulePath, big)), "the large upload finished", 60);
        TreeAssert.Identical(source.Path, first.ModulePath);
    }

    [Fact]
    public async Task ChangeInsideAFolderInFlight_WaitsForThatRunAndEndsIdentical()
    {
        var job = Job(first) with { Remotes = [first.Remote() with { BandwidthLimitKbps = 400 }] };
        await using var runner = Runner(job);
        await runner.StartAsync();
        MoveInBigFile("media/big.bin", 1_000_000);
        await Eventually.TrueAsync(() => runner.Status.Remotes[0].Busy, "the upload started");

        // Same folder as the run in flight: must not race it. Then the whole folder goes away.
        Write("media/other.txt", "beside the big file");
        Directory.Delete(source.Combine("media"), recursive: true);
        Write("media/again.txt", "a new folder of the same name");

        await Eventually.TrueAsync(() => runner.Status.Remotes[0] is { Busy: false, PendingPaths: 0 } && TreeAssert.AreIdentical(source.Path, first.ModulePath),
            "the remote ends identical", 60);
        Assert.Empty(journal.Failures);
    }

    [Fact]
    public async Task StoredParamsTheRulesRefuse_StatusNamesTheProblem_AndNothingIsSentUnchecked()
    {
        // A job saved before the allow-list with an option it now refuses (-q silences the stats the engine reads).
        var job = Job(first) with { RsyncParams = "-artuzq" };
        await using var runner = Runner(job);
        await runner.StartAsync();

        Assert.Contains("-q", runner.Status.Remotes[0].SettingsProblem);
        Write("note.txt", "refused settings");
        await Eventually.TrueAsync(() => journal.Failures.Count > 0, "the run rejected into the fail log");
        Assert.False(File.Exists(Path.Combine(first.ModulePath, "note.txt")));
    }

    [Fact]
    public async Task DaemonAllowsOneConnection_SecondRunRefused_FallsBackToOneRunAtATimeAndLosesNothing()
    {
        await using var single = await RsyncDaemonFixture.StartNewAsync(moduleName: "single", maxConnections: 1);
        var job = Job(single) with { Remotes = [single.Remote() with { BandwidthLimitKbps = 400 }] };
        await using var runner = Runner(job);
        await runner.StartAsync();
        MoveInBigFile("media/big.bin", 1_000_000);
        await Eventually.TrueAsync(() => runner.Status.Remotes[0].Busy, "the upload started");

        Write("docs/note.txt", "refused at first");
        await Eventually.TrueAsync(() => journal.Failures.Any(f => f.StderrTail.Contains("max connections", StringComparison.Ordinal)),
            "the daemon refused the second connection", 30);

        // The refused run is in the fail log; the next successful run reconciles, one run at a time.
        Write("docs/later.txt", "after the fallback");
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(source.Path, single.ModulePath), "the remote ends identical", 90);
    }
}
