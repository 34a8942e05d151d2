using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Data.Journal;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.FailLog;

/// <summary>
/// Retries fail-log entries (sersync's failLog script, run every <c>timeToExecute</c> minutes). An entry is
/// claimed (Pending → Retrying) so a manual and a scheduled retry never send it twice, then delivered with
/// <see cref="RunKind.Retry"/>. The deliverer writes a failure to the journal, which merges into the job+remote's
/// <em>pending</em> entry; since ours is Retrying that is a new row, so afterwards that row is folded back into
/// ours: one entry per job and remote, its attempts counted and its next attempt pushed back.
/// </summary>
public sealed class FailLogRetrier(
    IDbContextFactory<SyncConsoleDbContext> dbFactory,
    JobDefinitionSource jobs,
    BatchDeliverer deliverer,
    SqliteDeliveryJournal journal,
    EngineEventStream events,
    JobSupervisor supervisor,
    IOptions<SyncConsoleOptions> options,
    TimeProvider clock,
    ILogger<FailLogRetrier> logger)
{
    /// <summary>How often a job's fail log is retried, and the base of each entry's backoff.</summary>
    public TimeSpan IntervalFor(int? jobRetryIntervalMinutes)
    {
        var o = options.Value;
        if (o.RetryIntervalSeconds is > 0) return TimeSpan.FromSeconds(o.RetryIntervalSeconds.Value);
        return TimeSpan.FromMinutes(jobRetryIntervalMinutes ?? Math.Max(1, o.RetryIntervalMinutes));
    }

    /// <summary>Retries the pending entries that match, one after another; <paramref name="dueOnly"/> honours each entry's backoff.</summary>
    public async Task<IReadOnlyList<FailLogRetryResponse>> RetryManyAsync(int? jobId, int? remoteId, bool dueOnly, CancellationToken cancellationToken)
    {
        List<long> ids;
        var now = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var query = db.FailLog.AsNoTracking().Where(e => e.State == FailLogState.Pending && e.Job!.Enabled && !e.Job.Paused);
            if (jobId is not null) query = query.Where(e => e.JobId == jobId);
            if (remoteId is not null) query = query.Where(e => e.RemoteId == remoteId);
            if (dueOnly) query = query.Where(e => e.NextAttemptAt == null || e.NextAttemptAt <= now);
            ids = await query.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        }
        var results = new List<FailLogRetryResponse>();
        foreach (var id in ids)
            if (await RetryAsync(id, cancellationToken) is { } result) results.Add(result);
        return results;
    }

    /// <summary>Retries one entry now, whatever its backoff says; null when it does not exist.</summary>
    public async Task<FailLogRetryResponse?> RetryAsync(long id, CancellationToken cancellationToken)
    {
        FailLogEntry entry;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.FailLog.AsNoTracking().Include(e => e.Job).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (found is null) return null;
            if (found.State != FailLogState.Pending) return Skipped(found, $"The entry is {found.State.ToString().ToLowerInvariant()}, not pending.");
            if (!found.Job!.Enabled || found.Job.Paused)
                return Skipped(found, $"Job '{found.Job.Name}' is {(found.Job.Paused ? "paused" : "disabled")}; its entries wait until it runs again.");
            var claimed = await db.FailLog.Where(e => e.Id == id && e.State == FailLogState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, FailLogState.Retrying), cancellationToken);
            if (claimed == 0) return Skipped(found, "The entry is already being retried.");
            entry = found;
        }
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FailLogRetried, JobId = entry.JobId, RemoteId = entry.RemoteId, FailLogId = id,
            PathCount = entry.Paths.Count, Message = entry.FullSync ? "retrying as a full sync" : "retrying",
        });

        try
        {
            return await DeliverAsync(entry, cancellationToken);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the entry must not stay claimed forever.
            logger.LogWarning(e, "Retry of fail-log entry {Id} failed unexpectedly", id);
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.FailLog.Where(x => x.Id == id && x.State == FailLogState.Retrying)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, FailLogState.Pending), CancellationToken.None);
            if (e is OperationCanceledException) throw;
            return new FailLogRetryResponse { Id = id, Outcome = "failed", State = FailLogState.Pending, Message = e.Message, Attempts = entry.Attempts };
        }
    }

    private async Task<FailLogRetryResponse> DeliverAsync(FailLogEntry entry, CancellationToken cancellationToken)
    {
        var job = await jobs.LoadAsync(entry.JobId, cancellationToken);
        var remote = job?.Remotes.FirstOrDefault(r => r.Id == entry.RemoteId);
        if (job is null || remote is null)
            return await FinishAsync(entry.Id, FailLogState.Discarded, null, "The remote is no longer part of the job; nothing to retry.", cancellationToken);

        DeliveryOutcome outcome;
        if (entry.FullSync)
        {
            outcome = await deliverer.FullSyncAsync(job, remote, RunKind.Retry, cancellationToken);
        }
        else
        {
            var paths = entry.Paths;
            var dropped = 0;
            if (!job.DeleteEnabled)
            {
                // Without delete a vanished path has nothing left to send: drop it rather than fail on it forever.
                paths = paths.Where(p => p.RelativePath.Length == 0 || ExistsLocally(Path.Combine(job.WatchPath, p.RelativePath))).ToList();
                dropped = entry.Paths.Count - paths.Count;
            }
            if (paths.Count == 0)
                return await FinishAsync(entry.Id, FailLogState.Resolved, null, $"Nothing left to send: {dropped} path(s) no longer exist locally and delete is off.", cancellationToken);
            outcome = await deliverer.DeliverAsync(job, remote, paths, RunKind.Retry, cancellationToken);
        }

        if (outcome.Succeeded)
        {
            supervisor.ReportRemoteRecovered(job.Id, remote.Id, reconciled: entry.FullSync);
            return await FinishAsync(entry.Id, FailLogState.Resolved, outcome.RunIds.Count > 0 ? outcome.RunIds[^1] : null, null, cancellationToken);
        }
        return await FailedAgainAsync(entry.Id, entry.Job?.RetryIntervalMinutes, outcome, cancellationToken);
    }

    private async Task<FailLogRetryResponse> FinishAsync(long id, FailLogState state, long? runId, string? message, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var entry = await db.FailLog.SingleAsync(e => e.Id == id, CancellationToken.None);
        entry.State = state;
        entry.ResolvedByRunId = runId;
        entry.NextAttemptAt = null;
        await db.SaveChangesAsync(CancellationToken.None);
        events.Publish(new EngineEvent
        {
            Kind = state == FailLogState.Resolved ? EngineEventKind.FailLogResolved : EngineEventKind.FailLogDiscarded,
            JobId = entry.JobId, RemoteId = entry.RemoteId, FailLogId = id, SyncRunId = runId, PathCount = entry.Paths.Count, Message = message,
        });
        return new FailLogRetryResponse
        {
            Id = id, Outcome = state == FailLogState.Resolved ? "resolved" : "discarded", State = state, Message = message,
            RunId = runId, Attempts = entry.Attempts,
        };
    }

    private async Task<FailLogRetryResponse> FailedAgainAsync(long id, int? jobRetryMinutes, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var last = outcome.Runs.LastOrDefault(r => !r.Succeeded);
        // The deliverer recorded the failure as a (new or merged) pending row of this job+remote: the journal folds it into this one.
        var entry = await journal.UpdateEntryAsync(id, outcome.FailLogId, e =>
        {
            // What was delivered leaves the entry; what failed again is also in the folded row, with any live failures.
            if (!e.FullSync) e.Paths = outcome.Failed.ToList();
            e.Attempts++;
            e.FailedRetries++;
            e.LastFailureAt = now;
            if (last is not null)
            {
                e.ExitCode = last.ExitCode;
                e.ExitMeaning = last.Meaning;
                e.StderrTail = last.StderrTail;
            }
            // The first failed retry waits one interval, then 2x, 4x, ... up to a day. Only retries count: a burst that
            // failed in 50 live batches is one outage, not 50 reasons to wait a day.
            e.NextAttemptAt = RetryBackoff.NextAttemptAt(now, IntervalFor(jobRetryMinutes), e.FailedRetries - 1);
            e.State = FailLogState.Pending;
        }, CancellationToken.None) ?? throw new InvalidOperationException($"Fail-log entry {id} disappeared during its retry.");
        var message = $"failed again ({entry.ExitMeaning}); next attempt at {entry.NextAttemptAt:O}";
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FailLogRetried, JobId = entry.JobId, RemoteId = entry.RemoteId, FailLogId = id,
            PathCount = entry.Paths.Count, ExitCode = entry.ExitCode, ExitMeaning = entry.ExitMeaning, Message = message,
        });
        return new FailLogRetryResponse
        {
            Id = id, Outcome = "failed", State = entry.State, Message = message, Attempts = entry.Attempts, NextAttemptAt = entry.NextAttemptAt,
            RunId = outcome.RunIds.Count > 0 ? outcome.RunIds[^1] : null,
        };
    }

    private static FailLogRetryResponse Skipped(FailLogEntry entry, string message) => new()
    {
        Id = entry.Id, Outcome = "skipped", State = entry.State, Message = message, Attempts = entry.Attempts, NextAttemptAt = entry.NextAttemptAt,
    };

    private static bool ExistsLocally(string path)
    {
        var info = new FileInfo(path);
        return info.Exists || info.LinkTarget is not null || Directory.Exists(path);
    }
}
