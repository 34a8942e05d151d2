using Microsoft.EntityFrameworkCore;
using SyncConsole.Data.FailLog;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Data.Tests.FailLog;

/// <summary>The fail log's state machine on a real database (each provider below): claim, complete into the claimed entry, release, discard.</summary>
public abstract class FailLogTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private SqliteFailLog failLog = null!;
    private int jobId;
    private int remoteId;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        failLog = new SqliteFailLog(database.Factory);
        var (job, remote) = await database.AddJobWithRemoteAsync();
        (jobId, remoteId) = (job.Id, remote.Id);
    }

    public Task DisposeAsync() => database.DisposeAsync();

    private FailureRecord Failure(DateTimeOffset at, params string[] paths) => new()
    {
        JobId = jobId, RemoteId = remoteId, Paths = paths.Select(p => new ChangedPath(p, false)).ToList(), ExitCode = 10,
        ExitMeaning = "Error in socket I/O", StderrTail = "rsync: failed to connect to 127.0.0.1", At = at,
    };

    private async Task<List<SyncConsole.Data.Entities.FailLogEntry>> RowsAsync()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.FailLog.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task CompleteAsync_FailedAgainWithALiveFailureDuringTheClaim_StaysOneRowWithBoth()
    {
        var id = await failLog.RecordAsync(Failure(At, "a.txt", "b.txt"), CancellationToken.None);
        var claim = await failLog.ClaimAsync(id, CancellationToken.None);
        Assert.Equal(FailLogClaimStatus.Done, claim.Status);
        // While the retry runs, a live batch of the same job and remote fails too: it merges into the claimed entry.
        Assert.Equal(id, await failLog.RecordAsync(Failure(At.AddMinutes(1), "live.txt"), CancellationToken.None));

        var done = await failLog.CompleteAsync(id, RetryCompletion.FailedAgain([new ChangedPath("b.txt", false)], false, 10, "Error in socket I/O", "",
            At.AddMinutes(2), At.AddMinutes(62)), CancellationToken.None);

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(id, row.Id);
        Assert.Equal((FailLogState.Pending, 1, At.AddMinutes(62)), (row.State, row.FailedRetries, row.NextAttemptAt));
        Assert.Equal(["b.txt", "live.txt"], row.Paths.Select(p => p.RelativePath));
        Assert.Equal(3, row.Attempts);
        Assert.Null(done.FollowUpId);
    }

    [Fact]
    public async Task CompleteAsync_ResolvedWithALiveFailureDuringTheClaim_ClosesWhatWasClaimedAndKeepsTheLiveOnePending()
    {
        var id = await failLog.RecordAsync(Failure(At, "a.txt"), CancellationToken.None);
        await failLog.ClaimAsync(id, CancellationToken.None);
        await failLog.RecordAsync(Failure(At.AddMinutes(1), "live.txt"), CancellationToken.None);

        var done = await failLog.CompleteAsync(id, RetryCompletion.Resolved(null), CancellationToken.None);

        var rows = await RowsAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(FailLogState.Resolved, rows[0].State);
        Assert.Equal(["a.txt"], rows[0].Paths.Select(p => p.RelativePath));
        Assert.Equal(FailLogState.Pending, rows[1].State);
        Assert.Equal(["live.txt"], rows[1].Paths.Select(p => p.RelativePath));
        Assert.Equal(rows[1].Id, done.FollowUpId);
    }

    [Fact]
    public async Task ClaimAsync_Twice_SecondIsRefused_AndDiscardOfAClaimedEntryIsRefused()
    {
        var id = await failLog.RecordAsync(Failure(At, "a.txt"), CancellationToken.None);

        Assert.Equal(FailLogClaimStatus.Done, (await failLog.ClaimAsync(id, CancellationToken.None)).Status);
        Assert.Equal(FailLogClaimStatus.NotPending, (await failLog.ClaimAsync(id, CancellationToken.None)).Status);
        Assert.Equal(FailLogClaimStatus.NotPending, (await failLog.DiscardAsync(id, CancellationToken.None)).Status);
        Assert.Equal(FailLogState.Retrying, Assert.Single(await RowsAsync()).State);
    }

    [Fact]
    public async Task ReleaseAsync_ClaimedEntry_IsPendingAgainWithEveryPath()
    {
        var id = await failLog.RecordAsync(Failure(At, "a.txt"), CancellationToken.None);
        await failLog.ClaimAsync(id, CancellationToken.None);
        await failLog.RecordAsync(Failure(At.AddMinutes(1), "live.txt"), CancellationToken.None);

        await failLog.ReleaseAsync(id, CancellationToken.None);

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(FailLogState.Pending, row.State);
        Assert.Equal(["a.txt", "live.txt"], row.Paths.Select(p => p.RelativePath));
    }

    [Fact]
    public async Task ReleaseStuckClaimsAsync_ClaimLeftByADeadHost_IsReleased_ButALiveClaimIsNot()
    {
        var id = await failLog.RecordAsync(Failure(At, "a.txt"), CancellationToken.None);
        await new SqliteFailLog(database.Factory).ClaimAsync(id, CancellationToken.None); // the "dead host"

        Assert.Equal(1, await failLog.ReleaseStuckClaimsAsync(CancellationToken.None));
        Assert.Equal(FailLogState.Pending, Assert.Single(await RowsAsync()).State);

        await failLog.ClaimAsync(id, CancellationToken.None);
        Assert.Equal(0, await failLog.ReleaseStuckClaimsAsync(CancellationToken.None));
        Assert.Equal(FailLogState.Retrying, Assert.Single(await RowsAsync()).State);
    }

    [Fact]
    public async Task DiscardAsync_Pending_IsDiscarded_AndUndeliveredNoLongerCountsIt()
    {
        var id = await failLog.RecordAsync(Failure(At, "a.txt", "b.txt"), CancellationToken.None);
        var undelivered = Assert.Single(await failLog.UndeliveredAsync([jobId], CancellationToken.None));
        Assert.Equal((2, At), (undelivered.Paths, undelivered.OldestFailureAt));

        Assert.Equal(FailLogClaimStatus.Done, (await failLog.DiscardAsync(id, CancellationToken.None)).Status);

        Assert.Equal(FailLogState.Discarded, Assert.Single(await RowsAsync()).State);
        Assert.Empty(await failLog.UndeliveredAsync([jobId], CancellationToken.None));
    }
}

public sealed class SqliteFailLogTests() : FailLogTests(new TestDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PostgresFailLogTests(PostgresServerFixture postgres) : FailLogTests(new TestDatabase(postgres));
