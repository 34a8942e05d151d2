using Microsoft.EntityFrameworkCore;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Delivery;

namespace SyncConsole.Data.Journal;

/// <summary>The engine's <see cref="IDeliveryJournal"/> on SQLite: runs become SyncRun rows; failures go to the <see cref="IFailLog"/>.</summary>
public sealed class SqliteDeliveryJournal(IDbContextFactory<SyncConsoleDbContext> dbFactory, IFailLog failLog) : IDeliveryJournal
{
    public async Task<long> RecordRunAsync(SyncRunRecord run, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = new SyncRun
        {
            JobId = run.JobId,
            RemoteId = run.RemoteId,
            Kind = run.Kind,
            StartedAt = run.StartedAt,
            PathCount = run.PathCount,
            Bytes = run.Bytes,
            FilesTransferred = run.FilesTransferred,
            DurationMs = run.Duration.TotalMilliseconds,
            ExitCode = run.ExitCode,
            ExitMeaning = run.ExitMeaning,
            CommandLine = run.CommandLine,
            StderrTail = run.StderrTail,
        };
        db.SyncRuns.Add(row);
        return await SaveUnlessOrphanedAsync(db, run.JobId, run.RemoteId, cancellationToken) ? row.Id : 0;
    }

    /// <summary>The fail log's half of the journal belongs to the fail log, the one owner of its entries.</summary>
    public Task<long> RecordFailureAsync(FailureRecord failure, CancellationToken cancellationToken) => failLog.RecordAsync(failure, cancellationToken);

    public Task<IReadOnlyList<long>> ResolveCoveredAsync(int jobId, int remoteId, DateTimeOffset startedAt, long? runId, CancellationToken cancellationToken) =>
        failLog.ResolveCoveredAsync(jobId, remoteId, startedAt, runId, cancellationToken);

    /// <summary>
    /// Saves, unless the job or remote was deleted while its run was in flight: then there is nothing left to
    /// record or retry, and the foreign key would refuse the row anyway. Returns whether the row was saved.
    /// </summary>
    private static async Task<bool> SaveUnlessOrphanedAsync(SyncConsoleDbContext db, int jobId, int remoteId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await OwnersExistAsync(db, jobId, remoteId, cancellationToken)) throw;
            return false;
        }
    }

    private static async Task<bool> OwnersExistAsync(SyncConsoleDbContext db, int jobId, int remoteId, CancellationToken cancellationToken) =>
        await db.Jobs.AnyAsync(j => j.Id == jobId, cancellationToken) && await db.Remotes.AnyAsync(r => r.Id == remoteId, cancellationToken);
}
