using Microsoft.EntityFrameworkCore;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Coalescing;
using SyncConsole.Engine.Delivery;

namespace SyncConsole.Data.Journal;

/// <summary>The engine's <see cref="IDeliveryJournal"/> on SQLite: runs become SyncRun rows, failures fail-log entries.</summary>
public sealed class SqliteDeliveryJournal(IDbContextFactory<SyncConsoleDbContext> dbFactory) : IDeliveryJournal
{
    // Read-merge-write of the open entry must not interleave, or two failures of one remote make two entries.
    private readonly SemaphoreSlim failureGate = new(1, 1);

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

    public async Task<IReadOnlyList<long>> ResolveCoveredAsync(int jobId, int remoteId, DateTimeOffset startedAt, long? runId, CancellationToken cancellationToken)
    {
        // Under the failure lock: a failure merged into an entry at this moment moves its LastFailureAt past the start.
        await failureGate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var covered = await db.FailLog
                .Where(e => e.JobId == jobId && e.RemoteId == remoteId && e.State == FailLogState.Pending && e.LastFailureAt < startedAt)
                .ToListAsync(cancellationToken);
            foreach (var entry in covered)
            {
                entry.State = FailLogState.Resolved;
                entry.ResolvedByRunId = runId is > 0 ? runId : null;
                entry.NextAttemptAt = null;
            }
            await db.SaveChangesAsync(cancellationToken);
            return covered.Select(e => e.Id).ToList();
        }
        finally { failureGate.Release(); }
    }

    public async Task<long> RecordFailureAsync(FailureRecord failure, CancellationToken cancellationToken)
    {
        await failureGate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var open = await db.FailLog
                .Where(e => e.JobId == failure.JobId && e.RemoteId == failure.RemoteId && e.State == FailLogState.Pending)
                .OrderBy(e => e.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (open is null)
            {
                open = new FailLogEntry
                {
                    JobId = failure.JobId,
                    RemoteId = failure.RemoteId,
                    Paths = MergePaths([], failure.Paths),
                    FirstFailureAt = failure.At,
                    Attempts = 1,
                };
                db.FailLog.Add(open);
            }
            else
            {
                open.Paths = MergePaths(open.Paths, failure.Paths);
                open.Attempts++;
            }
            open.FullSync |= failure.FullSync;
            open.ExitCode = failure.ExitCode;
            open.ExitMeaning = failure.ExitMeaning;
            open.StderrTail = failure.StderrTail;
            open.LastFailureAt = failure.At;
            return await SaveUnlessOrphanedAsync(db, failure.JobId, failure.RemoteId, cancellationToken) ? open.Id : 0;
        }
        finally
        {
            failureGate.Release();
        }
    }

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

    /// <summary>
    /// Changes one fail-log entry under the same lock as <see cref="RecordFailureAsync"/>, then folds the pending
    /// entry <paramref name="foldId"/> (if any) into it: paths united, that row deleted. The fail-log retry uses it
    /// so a retry's renewed failure, which the deliverer recorded as a separate pending row, ends up in the retried
    /// entry without losing a live failure merged into that row meanwhile. Returns the entry, or null if it is gone.
    /// </summary>
    public async Task<FailLogEntry?> UpdateEntryAsync(long id, long? foldId, Action<FailLogEntry> update, CancellationToken cancellationToken)
    {
        await failureGate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var entry = await db.FailLog.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (entry is null) return null;
            update(entry);
            if (foldId is { } other && other != id
                && await db.FailLog.SingleOrDefaultAsync(e => e.Id == other && e.State == FailLogState.Pending, cancellationToken) is { } twin)
            {
                entry.Paths = MergePaths(entry.Paths, twin.Paths);
                entry.FullSync |= twin.FullSync;
                db.FailLog.Remove(twin);
            }
            await db.SaveChangesAsync(cancellationToken);
            return entry;
        }
        finally
        {
            failureGate.Release();
        }
    }

    /// <summary>Union by path, keeping first-seen order; a path becomes recursive if either side asked for its subtree.</summary>
    internal static List<ChangedPath> MergePaths(IEnumerable<ChangedPath> existing, IEnumerable<ChangedPath> added)
    {
        var merged = new List<ChangedPath>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in existing.Concat(added))
        {
            if (index.TryGetValue(path.RelativePath, out var at))
            {
                if (path.Recursive && !merged[at].Recursive) merged[at] = path;
            }
            else
            {
                index[path.RelativePath] = merged.Count;
                merged.Add(path);
            }
        }
        return merged;
    }
}
