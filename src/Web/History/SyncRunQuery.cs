using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;

namespace SyncConsole.Web.History;

/// <summary>Sync runs, newest first, one page at a time.</summary>
public sealed class SyncRunQuery(IDbContextFactory<SyncConsoleDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<SyncRunRow> Rows, int Total)> PageAsync(SyncRunFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.SyncRuns.AsNoTracking();
        if (filter.JobId is { } jobId) query = query.Where(r => r.JobId == jobId);
        if (filter.RemoteId is { } remoteId) query = query.Where(r => r.RemoteId == remoteId);
        if (filter.Kind is { } kind) query = query.Where(r => r.Kind == kind);
        if (filter.FailedOnly) query = query.Where(r => r.ExitCode != 0);
        var total = await query.CountAsync(cancellationToken);
        // Ids grow with insertion, so they order runs by time (SQLite cannot order DateTimeOffset columns).
        var rows = await ToRows(query.OrderByDescending(r => r.Id).Skip(Math.Max(0, page) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }

    public async Task<SyncRunRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ToRows(db.SyncRuns.AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<SyncRunRow> ToRows(IQueryable<SyncRun> runs) => runs.Select(r => new SyncRunRow
    {
        Id = r.Id, JobId = r.JobId, JobName = r.Job!.Name, RemoteId = r.RemoteId, RemoteName = r.Remote != null ? r.Remote.Name : r.RemoteName ?? "(deleted remote)",
        Kind = r.Kind, StartedAt = r.StartedAt, PathCount = r.PathCount, FilesTransferred = r.FilesTransferred,
        Bytes = r.Bytes, DurationMs = r.DurationMs, ExitCode = r.ExitCode, ExitMeaning = r.ExitMeaning,
        CommandLine = r.CommandLine, StderrTail = r.StderrTail,
    });
}
