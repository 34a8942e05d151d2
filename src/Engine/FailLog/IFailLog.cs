using SyncConsole.Engine.Delivery;

namespace SyncConsole.Engine.FailLog;

/// <summary>
/// The fail log's whole lifecycle, and the only way an entry changes state (the SQLite implementation lives in
/// src/Data). One open entry per job and remote: failures merge into it, also while it is claimed by a retry, and a
/// retry completes <em>into the claimed entry</em>, so a renewed failure never becomes a second row.
/// </summary>
public interface IFailLog
{
    /// <summary>
    /// Stores undelivered paths: merged into the job+remote's open entry (pending or claimed), or a new pending one.
    /// Returns the entry id, 0 when the job or remote no longer exists.
    /// </summary>
    Task<long> RecordAsync(FailureRecord failure, CancellationToken cancellationToken);

    /// <summary>Pending entries of enabled, unpaused jobs, oldest first; <paramref name="dueBy"/> honours each entry's backoff.</summary>
    Task<IReadOnlyList<long>> FindRetryableAsync(int? jobId, int? remoteId, DateTimeOffset? dueBy, CancellationToken cancellationToken);

    /// <summary>Pending → Retrying, unless the entry is not pending or its job is paused or disabled (then it says why).</summary>
    Task<FailLogClaim> ClaimAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Ends a claim: resolved, discarded, or failed again with what is still undelivered (then pending again with the
    /// next attempt). Failures recorded while the entry was claimed are kept: in the entry when it failed again, as a
    /// new pending entry (<see cref="FailLogCompletion.FollowUpId"/>) when it is closed.
    /// </summary>
    Task<FailLogCompletion> CompleteAsync(long id, RetryCompletion completion, CancellationToken cancellationToken);

    /// <summary>Hands a claimed entry back as pending, every path kept (a retry that threw or was cancelled).</summary>
    Task ReleaseAsync(long id, CancellationToken cancellationToken);

    /// <summary>Releases every claim: at start-up nothing can be retrying, so claims left by a dead host are stale.</summary>
    Task<int> ReleaseStuckClaimsAsync(CancellationToken cancellationToken);

    /// <summary>Gives up on a pending entry (the administrator's Discard); a claimed one is left to its retry.</summary>
    Task<FailLogClaim> DiscardAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// A full sync that started at <paramref name="startedAt"/> succeeded: the job+remote's pending entries whose last
    /// failure came before it are covered (it read the disk after them). Marks them resolved and returns their ids.
    /// </summary>
    Task<IReadOnlyList<long>> ResolveCoveredAsync(int jobId, int remoteId, DateTimeOffset startedAt, long? runId, CancellationToken cancellationToken);

    /// <summary>What is still undelivered per job and remote (pending and claimed entries); jobs without any are left out.</summary>
    Task<IReadOnlyList<UndeliveredSummary>> UndeliveredAsync(IReadOnlyCollection<int>? jobIds, CancellationToken cancellationToken);
}
