using Microsoft.Extensions.Logging;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Running;

namespace SyncConsole.Engine.FailLog;

/// <summary>
/// Retries fail-log entries (sersync's failLog script, run every <c>timeToExecute</c> minutes): claims an entry so a
/// manual, a scheduled and an auto-heal retry never send it twice, delivers it with <see cref="RunKind.Retry"/> (the
/// deliverer records nothing for a retry) and completes the claimed entry with the outcome: resolved, or failed again
/// with what is still undelivered and its next attempt (<see cref="FailLogRetryPolicy"/>). Also the administrator's discard.
/// </summary>
public sealed class FailLogRetrier(
    IFailLog failLog,
    IJobDefinitions jobs,
    BatchDeliverer deliverer,
    JobSupervisor supervisor,
    EngineEventStream events,
    FailLogRetryPolicy policy,
    ILogger<FailLogRetrier> logger)
{
    public FailLogRetryPolicy Policy => policy;

    /// <summary>Retries the pending entries that match, one after another; <paramref name="dueOnly"/> honours each entry's backoff.</summary>
    public async Task<IReadOnlyList<RetryResult>> RetryManyAsync(int? jobId, int? remoteId, bool dueOnly, CancellationToken cancellationToken)
    {
        var ids = await failLog.FindRetryableAsync(jobId, remoteId, dueOnly ? policy.Clock.GetUtcNow() : null, cancellationToken).ConfigureAwait(false);
        var results = new List<RetryResult>();
        foreach (var id in ids)
            if (await RetryAsync(id, cancellationToken).ConfigureAwait(false) is { } result) results.Add(result);
        return results;
    }

    /// <summary>Retries one entry now, whatever its backoff says; null when it does not exist.</summary>
    public async Task<RetryResult?> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var claim = await failLog.ClaimAsync(id, cancellationToken).ConfigureAwait(false);
        if (claim.Status == FailLogClaimStatus.NotFound) return null;
        var entry = claim.Entry!;
        if (!claim.Succeeded) return Skipped(entry, claim.Reason);
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FailLogRetried, JobId = entry.JobId, RemoteId = entry.RemoteId, FailLogId = id,
            PathCount = entry.Paths.Count, Message = entry.FullSync ? "retrying as a full sync" : "retrying",
        });
        try
        {
            return await DeliverAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the entry must not stay claimed forever.
            logger.LogWarning(e, "Retry of fail-log entry {Id} failed unexpectedly", id);
            await failLog.ReleaseAsync(id, CancellationToken.None).ConfigureAwait(false);
            if (e is OperationCanceledException) throw;
            return new RetryResult { Id = id, Outcome = RetryOutcome.Failed, State = FailLogState.Pending, Message = e.Message, Attempts = entry.Attempts };
        }
    }

    /// <summary>Gives up on a pending entry: its paths will not be sent. Null when it does not exist.</summary>
    public async Task<RetryResult?> DiscardAsync(long id, CancellationToken cancellationToken)
    {
        var discard = await failLog.DiscardAsync(id, cancellationToken).ConfigureAwait(false);
        if (discard.Status == FailLogClaimStatus.NotFound) return null;
        var entry = discard.Entry!;
        if (!discard.Succeeded) return Skipped(entry, discard.Reason);
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FailLogDiscarded, JobId = entry.JobId, RemoteId = entry.RemoteId, FailLogId = id,
            PathCount = entry.Paths.Count, Message = "discarded by the administrator",
        });
        return new RetryResult { Id = id, Outcome = RetryOutcome.Discarded, State = FailLogState.Discarded, Attempts = entry.Attempts };
    }

    private async Task<RetryResult> DeliverAsync(FailLogEntrySnapshot entry, CancellationToken cancellationToken)
    {
        var job = await jobs.LoadAsync(entry.JobId, cancellationToken).ConfigureAwait(false);
        var remote = job?.Remotes.FirstOrDefault(r => r.Id == entry.RemoteId);
        if (job is null || remote is null)
            return await CloseAsync(entry, RetryCompletion.Discarded(), "The remote is no longer part of the job; nothing to retry.").ConfigureAwait(false);

        // The stored definition (it may be newer than a running worker's), with what the worker learnt about deletes.
        var target = deliverer.TargetFor(job, remote, like: supervisor.TargetOf(job.Id, remote.Id));
        DeliveryOutcome outcome;
        if (entry.FullSync)
        {
            outcome = await deliverer.FullSyncAsync(target, RunKind.Retry, cancellationToken).ConfigureAwait(false);
            if (outcome.Held is { } held) return await HeldAsync(job, remote, entry, held).ConfigureAwait(false);
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
                return await CloseAsync(entry, RetryCompletion.Resolved(null),
                    $"Nothing left to send: {dropped} path(s) no longer exist locally and delete is off.").ConfigureAwait(false);
            outcome = await deliverer.DeliverAsync(target, paths, RunKind.Retry, cancellationToken).ConfigureAwait(false);
            if (outcome.Held is { } held) return await HeldAsync(job, remote, entry, held).ConfigureAwait(false);
        }

        var runId = outcome.RunIds.Count > 0 ? outcome.RunIds[^1] : (long?)null;
        if (outcome.Succeeded)
        {
            supervisor.ReportRemoteRecovered(job.Id, remote.Id, reconciled: entry.FullSync);
            return await CloseAsync(entry, RetryCompletion.Resolved(runId is > 0 ? runId : null), null).ConfigureAwait(false);
        }
        return await FailedAgainAsync(job, remote, entry, outcome, runId).ConfigureAwait(false);
    }

    /// <summary>Resolved or discarded; failures recorded during the claim became an entry of their own, announced here.</summary>
    private async Task<RetryResult> CloseAsync(FailLogEntrySnapshot claimed, RetryCompletion completion, string? message)
    {
        var done = await failLog.CompleteAsync(claimed.Id, completion, CancellationToken.None).ConfigureAwait(false);
        var entry = done.Entry;
        events.Publish(new EngineEvent
        {
            Kind = completion.Outcome == RetryOutcome.Resolved ? EngineEventKind.FailLogResolved : EngineEventKind.FailLogDiscarded,
            JobId = entry.JobId, RemoteId = entry.RemoteId, FailLogId = entry.Id, SyncRunId = completion.RunId, PathCount = entry.Paths.Count, Message = message,
        });
        AnnounceFollowUp(entry, done);
        return new RetryResult { Id = entry.Id, Outcome = completion.Outcome, State = entry.State, Message = message, RunId = completion.RunId, Attempts = entry.Attempts };
    }

    /// <summary>
    /// The deletion guard held the retried full sync (or deletes that would empty the remote): the entry stays pending (its next retry checks again), and the
    /// running job shows the held run with Confirm deletes and Cancel.
    /// </summary>
    private async Task<RetryResult> HeldAsync(JobDefinition job, RemoteDefinition remote, FailLogEntrySnapshot claimed, Delivery.Guard.DeletionGuardDecision held)
    {
        supervisor.ReportRemoteHeld(job.Id, remote.Id, held);
        var why = held.Describe(remote.Name);
        var completion = RetryCompletion.FailedAgain(claimed.Paths, claimed.FullSync, -1, "held by the deletion guard", why, policy.Clock.GetUtcNow(),
            policy.NextAttemptAfterFailedRetry(claimed));
        var entry = (await failLog.CompleteAsync(claimed.Id, completion, CancellationToken.None).ConfigureAwait(false)).Entry;
        var message = $"{why}; next attempt at {entry.NextAttemptAt:O}";
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FailLogRetried, JobId = entry.JobId, RemoteId = entry.RemoteId, FailLogId = entry.Id,
            PathCount = entry.Paths.Count, ExitMeaning = entry.ExitMeaning, Message = message,
        });
        return new RetryResult
        {
            Id = entry.Id, Outcome = RetryOutcome.Failed, State = entry.State, Message = message, Attempts = entry.Attempts, NextAttemptAt = entry.NextAttemptAt,
        };
    }

    private async Task<RetryResult> FailedAgainAsync(JobDefinition job, RemoteDefinition remote, FailLogEntrySnapshot claimed, DeliveryOutcome outcome, long? runId)
    {
        var last = outcome.Runs.LastOrDefault(r => !r.Succeeded);
        if (last is not null) supervisor.ReportRemoteFailed(job.Id, remote.Id, last);
        var completion = RetryCompletion.FailedAgain(
            claimed.FullSync ? claimed.Paths : outcome.Failed, claimed.FullSync || outcome.FullSyncFailed,
            last?.ExitCode ?? -1, last?.Meaning ?? "delivery failed", last?.StderrTail ?? "", policy.Clock.GetUtcNow(),
            policy.NextAttemptAfterFailedRetry(claimed));
        var entry = (await failLog.CompleteAsync(claimed.Id, completion, CancellationToken.None).ConfigureAwait(false)).Entry;
        var message = $"failed again ({entry.ExitMeaning}); next attempt at {entry.NextAttemptAt:O}";
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FailLogRetried, JobId = entry.JobId, RemoteId = entry.RemoteId, FailLogId = entry.Id,
            PathCount = entry.Paths.Count, ExitCode = last?.ExitCode, ExitMeaning = entry.ExitMeaning, Message = message,
        });
        return new RetryResult
        {
            Id = entry.Id, Outcome = RetryOutcome.Failed, State = entry.State, Message = message, Attempts = entry.Attempts,
            NextAttemptAt = entry.NextAttemptAt, RunId = runId is > 0 ? runId : null,
        };
    }

    private void AnnounceFollowUp(FailLogEntrySnapshot closed, FailLogCompletion done)
    {
        if (done.FollowUpId is not { } followUp) return;
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FailLogCreated, JobId = closed.JobId, RemoteId = closed.RemoteId, FailLogId = followUp,
            PathCount = done.FollowUpPaths, Message = "changes that failed while an earlier entry was being retried",
        });
    }

    private static RetryResult Skipped(FailLogEntrySnapshot entry, string? message) => new()
    {
        Id = entry.Id, Outcome = RetryOutcome.Skipped, State = entry.State, Message = message, Attempts = entry.Attempts, NextAttemptAt = entry.NextAttemptAt,
    };

    private static bool ExistsLocally(string path)
    {
        var info = new FileInfo(path);
        return info.Exists || info.LinkTarget is not null || Directory.Exists(path);
    }
}
