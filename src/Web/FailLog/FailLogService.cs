using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.FailLog;

/// <summary>The fail log as the API and the Fail log page use it: list and show (reads), retry and discard (through the engine's <see cref="FailLogRetrier"/>).</summary>
public sealed class FailLogService(IDbContextFactory<SyncConsoleDbContext> dbFactory, FailLogRetrier retrier)
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
    public async Task<FailLogRetryResponse?> RetryAsync(long id, CancellationToken cancellationToken) =>
        await retrier.RetryAsync(id, cancellationToken) is { } result ? FailLogRetryResponse.From(result) : null;

    /// <summary>Retries every pending entry now (of one job and/or remote if given), ignoring backoff.</summary>
    public async Task<IReadOnlyList<FailLogRetryResponse>> RetryAllAsync(int? jobId, int? remoteId, CancellationToken cancellationToken) =>
        (await retrier.RetryManyAsync(jobId, remoteId, dueOnly: false, cancellationToken)).Select(FailLogRetryResponse.From).ToList();

    /// <summary>Gives up on a pending entry: its paths will not be sent. Null when it does not exist.</summary>
    public async Task<FailLogRetryResponse?> DiscardAsync(long id, CancellationToken cancellationToken) =>
        await retrier.DiscardAsync(id, cancellationToken) is { } result ? FailLogRetryResponse.From(result) : null;
}
