using Microsoft.EntityFrameworkCore;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Data.FailLog;

/// <summary>
/// The engine's <see cref="IFailLog"/> on SQLite, and the only code that changes a fail-log entry's state. Every change
/// runs under one lock, so a read-merge-write never interleaves with another (two failures of one remote stay one
/// entry). While an entry is claimed, failures still merge into it and are also remembered here as "arrived during
/// the claim", so completing the retry can keep them: a host that dies meanwhile loses nothing either, since the
/// entry itself holds every path and its stuck claim is released at the next start.
/// </summary>
public sealed class SqliteFailLog(IDbContextFactory<SyncConsoleDbContext> dbFactory) : IFailLog
{
    private readonly SemaphoreSlim gate = new(1, 1);
    // Claimed entry id -> what it held when claimed, and what failed for its job and remote since.
    private readonly Dictionary<long, Claim> claims = [];

    public async Task<long> RecordAsync(FailureRecord failure, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var open = await db.FailLog
                .Where(e => e.JobId == failure.JobId && e.RemoteId == failure.RemoteId && (e.State == FailLogState.Pending || e.State == FailLogState.Retrying))
                .OrderBy(e => e.Id)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (open is null)
            {
                open = new FailLogEntry
                {
                    JobId = failure.JobId, RemoteId = failure.RemoteId, Paths = MergePaths([], failure.Paths), FirstFailureAt = failure.At, Attempts = 1,
                };
                db.FailLog.Add(open);
            }
            else
            {
                open.Paths = MergePaths(open.Paths, failure.Paths);
                open.Attempts++;
                if (claims.TryGetValue(open.Id, out var claim)) claim.Arrived(failure);
            }
            open.FullSync |= failure.FullSync;
            Describe(open, failure.ExitCode, failure.ExitMeaning, failure.StderrTail, failure.At);
            return await SaveUnlessOrphanedAsync(db, failure.JobId, failure.RemoteId, cancellationToken).ConfigureAwait(false) ? open.Id : 0;
        }
        finally { gate.Release(); }
    }

    public async Task<IReadOnlyList<long>> FindRetryableAsync(int? jobId, int? remoteId, DateTimeOffset? dueBy, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.FailLog.AsNoTracking().Where(e => e.State == FailLogState.Pending && e.Job!.Enabled && !e.Job.Paused);
        if (jobId is not null) query = query.Where(e => e.JobId == jobId);
        if (remoteId is not null) query = query.Where(e => e.RemoteId == remoteId);
        if (dueBy is { } now) query = query.Where(e => e.NextAttemptAt == null || e.NextAttemptAt <= now);
        return await query.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<FailLogClaim> ClaimAsync(long id, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var entry = await db.FailLog.Include(e => e.Job).SingleOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
            if (entry is null) return new FailLogClaim(FailLogClaimStatus.NotFound, null);
            if (entry.State == FailLogState.Retrying) return new FailLogClaim(FailLogClaimStatus.NotPending, Snapshot(entry), "The entry is already being retried.");
            if (entry.State != FailLogState.Pending)
                return new FailLogClaim(FailLogClaimStatus.NotPending, Snapshot(entry), $"The entry is {entry.State.ToString().ToLowerInvariant()}, not pending.");
            if (!entry.Job!.Enabled || entry.Job.Paused)
                return new FailLogClaim(FailLogClaimStatus.JobNotRunning, Snapshot(entry),
                    $"Job '{entry.Job.Name}' is {(entry.Job.Paused ? "paused" : "disabled")}; its entries wait until it runs again.");
            entry.State = FailLogState.Retrying;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            claims[id] = new Claim(entry.Paths.ToList(), entry.FullSync);
            return new FailLogClaim(FailLogClaimStatus.Done, Snapshot(entry));
        }
        finally { gate.Release(); }
    }

    public async Task<FailLogCompletion> CompleteAsync(long id, RetryCompletion completion, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var entry = await db.FailLog.Include(e => e.Job).SingleOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Fail-log entry {id} disappeared during its retry.");
            claims.Remove(id, out var claim);
            // Without a claim of ours (should not happen) everything the entry holds counts as arrived meanwhile: nothing is dropped.
            claim ??= new Claim([], false, entry.Paths.ToList(), entry.FullSync, entry.LastFailureAt);
            FailLogEntry? followUp = null;
            if (completion.Outcome == RetryOutcome.Failed)
            {
                // What was delivered leaves the entry; what failed again stays, with whatever failed live meanwhile.
                entry.Paths = MergePaths(completion.StillFailed, claim.Late);
                entry.FullSync = completion.FullSyncFailed || claim.LateFullSync;
                entry.Attempts++;
                entry.FailedRetries++;
                Describe(entry, completion.ExitCode, completion.ExitMeaning, completion.StderrTail, completion.At > entry.LastFailureAt ? completion.At : entry.LastFailureAt);
                entry.NextAttemptAt = completion.NextAttemptAt;
                // The remote was deleted during the retry: nothing can deliver it any more.
                entry.State = entry.RemoteId is null ? FailLogState.Discarded : FailLogState.Pending;
            }
            else
            {
                // The entry closes with what it held when claimed; live failures since are a new outage of their own.
                entry.Paths = claim.Claimed;
                entry.FullSync = claim.ClaimedFullSync;
                entry.State = completion.Outcome == RetryOutcome.Resolved ? FailLogState.Resolved : FailLogState.Discarded;
                entry.ResolvedByRunId = completion.RunId;
                entry.NextAttemptAt = null;
                if ((claim.Late.Count > 0 || claim.LateFullSync) && entry.RemoteId is not null)
                {
                    followUp = new FailLogEntry
                    {
                        JobId = entry.JobId, RemoteId = entry.RemoteId, Paths = claim.Late, FullSync = claim.LateFullSync,
                        FirstFailureAt = claim.FirstLateAt ?? entry.LastFailureAt, Attempts = Math.Max(1, claim.LateCount),
                        ExitCode = entry.ExitCode, ExitMeaning = entry.ExitMeaning, StderrTail = entry.StderrTail, LastFailureAt = entry.LastFailureAt,
                    };
                    db.FailLog.Add(followUp);
                }
            }
            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            return new FailLogCompletion(Snapshot(entry), followUp?.Id, followUp?.Paths.Count ?? 0);
        }
        finally { gate.Release(); }
    }

    public async Task ReleaseAsync(long id, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            claims.Remove(id);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await db.FailLog.Where(e => e.Id == id && e.State == FailLogState.Retrying)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, FailLogState.Pending), cancellationToken).ConfigureAwait(false);
        }
        finally { gate.Release(); }
    }

    public async Task<int> ReleaseStuckClaimsAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var stuck = claims.Keys.ToList();
            return await db.FailLog.Where(e => e.State == FailLogState.Retrying && !stuck.Contains(e.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, FailLogState.Pending), cancellationToken).ConfigureAwait(false);
        }
        finally { gate.Release(); }
    }

    public async Task<FailLogClaim> DiscardAsync(long id, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var entry = await db.FailLog.SingleOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
            if (entry is null) return new FailLogClaim(FailLogClaimStatus.NotFound, null);
            if (entry.State == FailLogState.Retrying) return new FailLogClaim(FailLogClaimStatus.NotPending, Snapshot(entry), "The entry is being retried.");
            if (entry.State != FailLogState.Pending)
                return new FailLogClaim(FailLogClaimStatus.NotPending, Snapshot(entry),
                    $"Only a pending entry can be discarded; this one is {entry.State.ToString().ToLowerInvariant()}.");
            entry.State = FailLogState.Discarded;
            entry.NextAttemptAt = null;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new FailLogClaim(FailLogClaimStatus.Done, Snapshot(entry));
        }
        finally { gate.Release(); }
    }

    public async Task<IReadOnlyList<long>> ResolveCoveredAsync(int jobId, int remoteId, DateTimeOffset startedAt, long? runId, CancellationToken cancellationToken)
    {
        // Under the lock: a failure merged into an entry at this moment moves its LastFailureAt past the start.
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var covered = await db.FailLog
                .Where(e => e.JobId == jobId && e.RemoteId == remoteId && e.State == FailLogState.Pending && e.LastFailureAt < startedAt)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entry in covered)
            {
                entry.State = FailLogState.Resolved;
                entry.ResolvedByRunId = runId is > 0 ? runId : null;
                entry.NextAttemptAt = null;
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return covered.Select(e => e.Id).ToList();
        }
        finally { gate.Release(); }
    }

    public async Task<IReadOnlyList<UndeliveredSummary>> UndeliveredAsync(IReadOnlyCollection<int>? jobIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.FailLog.AsNoTracking().Where(e => (e.State == FailLogState.Pending || e.State == FailLogState.Retrying) && e.RemoteId != null);
        if (jobIds is not null) query = query.Where(e => jobIds.Contains(e.JobId));
        // Open entries are one per job and remote: few rows, so the paths are counted here rather than in JSON SQL.
        var open = await query.Select(e => new { e.JobId, e.RemoteId, e.Paths, e.FullSync, e.FirstFailureAt, e.LastFailureAt, e.ExitMeaning })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return open.GroupBy(e => (e.JobId, e.RemoteId)).Select(g => new UndeliveredSummary
        {
            JobId = g.Key.JobId, RemoteId = g.Key.RemoteId!.Value, Entries = g.Count(), Paths = g.Sum(e => e.Paths.Count),
            FullSync = g.Any(e => e.FullSync), OldestFailureAt = g.Min(e => e.FirstFailureAt), LastFailureAt = g.Max(e => e.LastFailureAt),
            LastExitMeaning = g.MaxBy(e => e.LastFailureAt)!.ExitMeaning,
        }).ToList();
    }

    private static void Describe(FailLogEntry entry, int exitCode, string exitMeaning, string stderrTail, DateTimeOffset at)
    {
        entry.ExitCode = exitCode;
        entry.ExitMeaning = exitMeaning;
        entry.StderrTail = stderrTail;
        entry.LastFailureAt = at;
    }

    private static FailLogEntrySnapshot Snapshot(FailLogEntry e) => new()
    {
        // 0 (no remote) once the remote is deleted: a retry of it closes as "no longer part of the job".
        Id = e.Id, JobId = e.JobId, RemoteId = e.RemoteId ?? 0, State = e.State, Paths = e.Paths.ToList(), FullSync = e.FullSync,
        Attempts = e.Attempts, FailedRetries = e.FailedRetries, NextAttemptAt = e.NextAttemptAt, ExitMeaning = e.ExitMeaning,
        JobRetryIntervalMinutes = e.Job?.RetryIntervalMinutes,
    };

    /// <summary>
    /// Saves, unless the job or remote was deleted while its run was in flight: then there is nothing left to
    /// record or retry, and the foreign key would refuse the row anyway. Returns whether the row was saved.
    /// </summary>
    private static async Task<bool> SaveUnlessOrphanedAsync(SyncConsoleDbContext db, int jobId, int remoteId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await db.Jobs.AnyAsync(j => j.Id == jobId, cancellationToken).ConfigureAwait(false)
                && await db.Remotes.AnyAsync(r => r.Id == remoteId, cancellationToken).ConfigureAwait(false)) throw;
            return false;
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

    /// <summary>A claimed entry's content at claim time, and the failures recorded for its job and remote since.</summary>
    private sealed class Claim(List<ChangedPath> claimed, bool claimedFullSync, List<ChangedPath>? late = null, bool lateFullSync = false, DateTimeOffset? firstLateAt = null)
    {
        public List<ChangedPath> Claimed { get; } = claimed;
        public bool ClaimedFullSync { get; } = claimedFullSync;
        public List<ChangedPath> Late { get; private set; } = late ?? [];
        public bool LateFullSync { get; private set; } = lateFullSync;
        public DateTimeOffset? FirstLateAt { get; private set; } = firstLateAt;
        public int LateCount { get; private set; } = late is null ? 0 : 1;

        public void Arrived(FailureRecord failure)
        {
            Late = MergePaths(Late, failure.Paths);
            LateFullSync |= failure.FullSync;
            FirstLateAt ??= failure.At;
            LateCount++;
        }
    }
}
