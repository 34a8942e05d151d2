using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SyncConsole.Data.FailLog;
using SyncConsole.Data.Journal;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Delivery.Guard;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.FailLog;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Paths;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;

namespace SyncConsole.Data.Tests.FailLog;

/// <summary>
/// The scheduled retry pass (what Quartz's <c>FailLogRetryJob</c> runs: due entries only) and its backoff on a fake
/// clock: rsync is scripted to fail (exit 10, as with a daemon down) and then handed to the real rsync and a real
/// daemon, the fail log is the real one on each provider (below). Hours of backoff take milliseconds.
/// </summary>
public abstract class FakeClockRetryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(60);
    private const string Refused = "rsync: failed to connect to 127.0.0.1 (127.0.0.1): Connection refused (111)\nrsync error: error in socket IO (code 10)";
    private readonly TestDatabase database;
    private readonly TempDirectory source = new("syncconsole-retry");
    private readonly FakeTimeProvider clock = new(T0);
    protected FakeClockRetryTests(TestDatabase database)
    {
        this.database = database;
        events = new EngineEventStream(clock);
    }
    private readonly EngineEventStream events;
    private readonly RsyncConcurrencyLimiter limiter = new(2);
    private RsyncDaemonFixture daemon = null!;
    private ScriptedRsyncRunner runner = null!;
    private SqliteFailLog failLog = null!;
    private FailLogRetrier retrier = null!;
    private JobSupervisor supervisor = null!;
    private JobDefinition job = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        daemon = await RsyncDaemonFixture.StartNewAsync();
        var (jobRow, remoteRow) = await database.AddJobWithRemoteAsync();
        job = new JobDefinition { Id = jobRow.Id, Name = jobRow.Name, WatchPath = source.Path, Remotes = [daemon.Remote(remoteRow.Id)] };
        failLog = new SqliteFailLog(database.Factory);
        var journal = new SqliteDeliveryJournal(database.Factory, failLog);
        runner = new ScriptedRsyncRunner(then: TestEngine.Rsync(), clock: clock);
        var deliverer = new BatchDeliverer(journal, events, limiter, runner, new DeliveryOptions(), clock, new DeletionGuard(limiter, runner, devices: null));
        supervisor = new JobSupervisor(deliverer, journal, events, new JobRunnerOptions(), clock, NullLoggerFactory.Instance, plugins: null);
        retrier = new FailLogRetrier(failLog, new OneJob(job), deliverer, supervisor, events, new FailLogRetryPolicy(clock, (int)Interval.TotalMinutes),
            NullLogger<FailLogRetrier>.Instance);
    }

    public async Task DisposeAsync()
    {
        await supervisor.DisposeAsync();
        await daemon.DisposeAsync();
        limiter.Dispose();
        source.Dispose();
        await database.DisposeAsync();
    }

    private sealed class OneJob(JobDefinition job) : IJobDefinitions
    {
        public Task<JobDefinition?> LoadAsync(int jobId, CancellationToken cancellationToken) => Task.FromResult(jobId == job.Id ? job : null);
    }

    private Task<IReadOnlyList<RetryResult>> ScheduledPassAsync() => retrier.RetryManyAsync(job.Id, null, dueOnly: true, CancellationToken.None);

    private async Task<long> RecordOutageAsync(params string[] paths)
    {
        foreach (var p in paths)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(source.Combine(p))!);
            File.WriteAllText(source.Combine(p), "written while the daemon was down: " + p);
        }
        return await failLog.RecordAsync(new FailureRecord
        {
            JobId = job.Id, RemoteId = job.Remotes[0].Id, Paths = paths.Select(p => new ChangedPath(p, false)).ToList(),
            ExitCode = 10, ExitMeaning = "Error in socket I/O", StderrTail = Refused, At = clock.GetUtcNow(),
        }, CancellationToken.None);
    }

    private async Task<SyncConsole.Data.Entities.FailLogEntry> EntryAsync(long id)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.FailLog.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    [Fact]
    public async Task ScheduledPass_FailsTwiceThenSucceeds_BacksOffOneIntervalThenTwo_ResolvesTheSameEntryWithARetryRun()
    {
        var id = await RecordOutageAsync("docs/minutes.txt", "top.txt");
        // Each delivery tries twice at once (sersync's immediate retry): two scripted failures per failed pass.
        runner.Fail(RsyncExitCodes.SocketIo, Refused, times: 4);

        var first = Assert.Single(await ScheduledPassAsync());
        Assert.Equal((RetryOutcome.Failed, FailLogState.Pending), (first.Outcome, first.State));
        Assert.Equal(T0 + Interval, first.NextAttemptAt);
        Assert.Equal(2, runner.Invocations.Count);

        clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Empty(await ScheduledPassAsync()); // not due yet: no rsync started
        Assert.Equal(2, runner.Invocations.Count);

        clock.Advance(TimeSpan.FromSeconds(1));
        var second = Assert.Single(await ScheduledPassAsync());
        Assert.Equal(RetryOutcome.Failed, second.Outcome);
        Assert.Equal(T0 + Interval + 2 * Interval, second.NextAttemptAt); // doubled after the second failed retry
        Assert.Equal(4, runner.Invocations.Count);

        clock.Advance(2 * Interval - TimeSpan.FromSeconds(1));
        Assert.Empty(await ScheduledPassAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        var third = Assert.Single(await ScheduledPassAsync());

        Assert.Equal((RetryOutcome.Resolved, FailLogState.Resolved), (third.Outcome, third.State));
        Assert.Equal(0, runner.Remaining);
        Assert.Equal(5, runner.Invocations.Count);
        Assert.All(runner.Invocations, i => Assert.Equal(["docs/minutes.txt", "top.txt"], i.Paths.Select(p => p.RelativePath).Order()));
        TreeAssert.Identical(source.Path, daemon.ModulePath);
        var entry = await EntryAsync(id);
        Assert.Equal((FailLogState.Resolved, 2), (entry.State, entry.FailedRetries)); // failed retries updated the one entry
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Single(await db.FailLog.AsNoTracking().ToListAsync());
        var run = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == entry.ResolvedByRunId);
        Assert.Equal(RunKind.Retry, run.Kind);
    }

    [Fact]
    public async Task ScheduledPass_PausedJob_StartsNoRsyncHoweverOverdueTheEntryIs()
    {
        var id = await RecordOutageAsync("held.txt");
        await using (var db = await database.Factory.CreateDbContextAsync())
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Paused, true));

        clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(await ScheduledPassAsync());
        var manual = await retrier.RetryAsync(id, CancellationToken.None);

        Assert.Equal(RetryOutcome.Skipped, manual!.Outcome);
        Assert.Empty(runner.Invocations);
        Assert.False(File.Exists(Path.Combine(daemon.ModulePath, "held.txt")));
        Assert.Equal(FailLogState.Pending, (await EntryAsync(id)).State);
    }
}

public sealed class SqliteFakeClockRetryTests() : FakeClockRetryTests(new TestDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PostgresFakeClockRetryTests(PostgresServerFixture postgres) : FakeClockRetryTests(new TestDatabase(postgres));
