using Microsoft.EntityFrameworkCore;
using SyncConsole.Data.Entities;
using SyncConsole.Data.FailLog;
using SyncConsole.Data.Journal;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Data.Tests.Journal;

/// <summary>Runs and failures recorded by the journal, on each provider (below).</summary>
public abstract class DeliveryJournalTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private SqliteDeliveryJournal journal = null!;
    private int jobId;
    private int remoteId;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        journal = new SqliteDeliveryJournal(database.Factory, new SqliteFailLog(database.Factory));
        var (job, remote) = await database.AddJobWithRemoteAsync();
        (jobId, remoteId) = (job.Id, remote.Id);
    }

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task RecordRunAsync_FinishedRun_InsertsSyncRunAndReturnsItsId()
    {
        var id = await journal.RecordRunAsync(new SyncRunRecord
        {
            JobId = jobId, RemoteId = remoteId, Kind = RunKind.Full, StartedAt = At, Duration = TimeSpan.FromSeconds(2.5),
            PathCount = 3, Bytes = 4096, FilesTransferred = 2, ExitCode = 0, ExitMeaning = "Success", CommandLine = "rsync -artuz",
        }, CancellationToken.None);

        await using var db = await database.Factory.CreateDbContextAsync();
        var run = await db.SyncRuns.SingleAsync();
        Assert.Equal(run.Id, id);
        Assert.Equal((RunKind.Full, At, 2500.0, 3, 4096L, 2, 0, "rsync -artuz"),
            (run.Kind, run.StartedAt, run.DurationMs, run.PathCount, run.Bytes, run.FilesTransferred, run.ExitCode, run.CommandLine));
    }

    [Fact]
    public async Task RecordFailureAsync_NoOpenEntry_CreatesPendingEntry()
    {
        var id = await journal.RecordFailureAsync(Failure(At, new ChangedPath("a.txt", false)), CancellationToken.None);

        await using var db = await database.Factory.CreateDbContextAsync();
        var entry = await db.FailLog.SingleAsync();
        Assert.Equal(entry.Id, id);
        Assert.Equal((FailLogState.Pending, 1, At, At, 10), (entry.State, entry.Attempts, entry.FirstFailureAt, entry.LastFailureAt, entry.ExitCode));
        Assert.Equal([new ChangedPath("a.txt", false)], entry.Paths);
    }

    [Fact]
    public async Task RecordFailureAsync_OpenEntryExists_MergesPathsIntoIt()
    {
        var first = await journal.RecordFailureAsync(Failure(At, new ChangedPath("a.txt", false), new ChangedPath("dir", false)), CancellationToken.None);
        var second = await journal.RecordFailureAsync(
            Failure(At.AddMinutes(5), new ChangedPath("dir", true), new ChangedPath("a.txt", false), new ChangedPath("b.txt", false)) with { ExitCode = 12, ExitMeaning = "Error in rsync protocol data stream" },
            CancellationToken.None);

        Assert.Equal(first, second);
        await using var db = await database.Factory.CreateDbContextAsync();
        var entry = await db.FailLog.SingleAsync();
        Assert.Equal([new ChangedPath("a.txt", false), new ChangedPath("dir", true), new ChangedPath("b.txt", false)], entry.Paths);
        Assert.Equal((2, At, At.AddMinutes(5), 12), (entry.Attempts, entry.FirstFailureAt, entry.LastFailureAt, entry.ExitCode));
    }

    [Fact]
    public async Task RecordFailureAsync_PreviousEntryResolved_CreatesNewEntry()
    {
        var first = await journal.RecordFailureAsync(Failure(At, new ChangedPath("a.txt", false)), CancellationToken.None);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            (await db.FailLog.SingleAsync()).State = FailLogState.Resolved;
            await db.SaveChangesAsync();
        }

        var second = await journal.RecordFailureAsync(Failure(At.AddHours(1), new ChangedPath("b.txt", false)), CancellationToken.None);

        Assert.NotEqual(first, second);
        await using var check = await database.Factory.CreateDbContextAsync();
        Assert.Equal(2, await check.FailLog.CountAsync());
    }

    [Fact]
    public async Task RecordFailureAsync_FullSyncFailure_MarksOpenEntryFullSync()
    {
        await journal.RecordFailureAsync(Failure(At, new ChangedPath("a.txt", false)), CancellationToken.None);
        await journal.RecordFailureAsync(Failure(At.AddMinutes(1)) with { FullSync = true }, CancellationToken.None);
        await journal.RecordFailureAsync(Failure(At.AddMinutes(2), new ChangedPath("c", false)), CancellationToken.None);

        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.True((await db.FailLog.SingleAsync()).FullSync);
    }

    [Fact]
    public async Task RecordFailureAsync_ConcurrentCalls_EndInOneEntryWithEveryPath()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            journal.RecordFailureAsync(Failure(At.AddSeconds(i), new ChangedPath($"f{i}", false)), CancellationToken.None)));

        Assert.Single(ids.Distinct());
        await using var db = await database.Factory.CreateDbContextAsync();
        var entry = await db.FailLog.SingleAsync();
        Assert.Equal(20, entry.Attempts);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"f{i}").Order(), entry.Paths.Select(p => p.RelativePath).Order());
    }

    [Fact]
    public async Task RecordFailureAsync_JobDeletedWhileRunWasInFlight_RecordsNothingAndDoesNotThrow()
    {
        await using (var db = await database.Factory.CreateDbContextAsync())
            await db.Jobs.Where(j => j.Id == jobId).ExecuteDeleteAsync();

        var failureId = await journal.RecordFailureAsync(Failure(At, new ChangedPath("a.txt", false)), CancellationToken.None);
        var runId = await journal.RecordRunAsync(new SyncRunRecord
        {
            JobId = jobId, RemoteId = remoteId, Kind = RunKind.Realtime, StartedAt = At, Duration = TimeSpan.FromMilliseconds(5), ExitCode = 0,
        }, CancellationToken.None);

        Assert.Equal((0L, 0L), (failureId, runId));
        await using var check = await database.Factory.CreateDbContextAsync();
        Assert.Equal((0, 0), (await check.FailLog.CountAsync(), await check.SyncRuns.CountAsync()));
    }

    private FailureRecord Failure(DateTimeOffset at, params ChangedPath[] paths) => new()
    {
        JobId = jobId, RemoteId = remoteId, Paths = paths, ExitCode = 10, ExitMeaning = "Error in socket I/O",
        StderrTail = "rsync: failed to connect to 127.0.0.1", At = at,
    };
}

public sealed class SqliteDeliveryJournalTests() : DeliveryJournalTests(new TestDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeliveryJournalTests(PostgresServerFixture postgres) : DeliveryJournalTests(new TestDatabase(postgres));
