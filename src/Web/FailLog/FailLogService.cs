using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Events;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.FailLog;

/// <summary>The fail log as the API and the Fail log page use it: list, show, retry, discard.</summary>
public sealed class FailLogService(IDbContextFactory<SyncConsoleDbContext> dbFactory, FailLogRetrier retrier, EngineEventStream events)
{
    public const int MaxPageSize = 500;

    public async Task<FailLogPage> ListAsync(FailLogState? state, int? jobId, int? remoteId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.FailLog.AsNoTracking();
        if (state is not null) query = query.Where(e => e.State == state);
        if (jobId is not null) query = query.Where(e => e.JobId == jobId);
        if (remoteId is not null) query = query.Where(e => e.RemoteId == remoteId);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.Include(e => e.Job).Include(e => e.Remote)
            .OrderByDescending(e => e.LastFailureAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new FailLogPage(rows.Select(FailLogEntryResponse.From).ToList(), total, page, pageSize);
    }

    public async Task<FailLogEntryResponse?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.FailLog.AsNoTracking().Include(e => e.Job).Include(e => e.Remote).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return row is null ? null : FailLogEntryResponse.From(row);
    }

    /// <summary>Retries one entry now (ignoring its backoff); null when it does not exist.</summary>
    public Task<FailLogRetryResponse?> RetryAsync(long id, CancellationToken cancellationToken) => retrier.RetryAsync(id, cancellationToken);

    /// <summary>Retries every pending entry now (of one job and/or remote if given), ignoring backoff.</summary>
    public Task<IReadOnlyList<FailLogRetryResponse>> RetryAllAsync(int? jobId, int? remoteId, CancellationToken cancellationToken) =>
        retrier.RetryManyAsync(jobId, remoteId, dueOnly: false, cancellationToken);

    /// <summary>Gives up on a pending entry: its paths will not be sent. Null when it does not exist.</summary>
    public async Task<FailLogRetryResponse?> DiscardAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.FailLog.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null) return null;
        if (entry.State != FailLogState.Pending)
            return new FailLogRetryResponse { Id = id, Outcome = "skipped", State = entry.State, Attempts = entry.Attempts,
                Message = $"Only a pending entry can be discarded; this one is {entry.State.ToString().ToLowerInvariant()}." };
        // Conditional, so a retry that claimed the entry in the meantime wins.
        var changed = await db.FailLog.Where(e => e.Id == id && e.State == FailLogState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, FailLogState.Discarded).SetProperty(e => e.NextAttemptAt, (DateTimeOffset?)null), cancellationToken);
        if (changed == 0)
            return new FailLogRetryResponse { Id = id, Outcome = "skipped", State = FailLogState.Retrying, Attempts = entry.Attempts, Message = "The entry is being retried." };
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FailLogDiscarded, JobId = entry.JobId, RemoteId = entry.RemoteId, FailLogId = id,
            PathCount = entry.Paths.Count, Message = "discarded by the administrator",
        });
        return new FailLogRetryResponse { Id = id, Outcome = "discarded", State = FailLogState.Discarded, Attempts = entry.Attempts };
    }
}
