using SyncConsole.Engine.Running;

namespace SyncConsole.Web.Contracts;

/// <summary>
/// One remote of a job in <c>GET /api/jobs/{id}/status</c> (and the dashboard and <c>/metrics</c>): can it be reached,
/// what has it not received yet (the coalescer's pending paths plus the fail log's), and since when.
/// </summary>
public sealed record RemoteStatusResponse
{
    public required int RemoteId { get; init; }
    public required string Name { get; init; }
    /// <summary>unknown (nothing has tried it since the start), reachable, unreachable.</summary>
    public Reachability Reachability { get; init; }
    /// <summary>When the current outage began; null unless unreachable.</summary>
    public DateTimeOffset? UnreachableSince { get; init; }
    /// <summary>rsync's reason (or the probe's), e.g. "Error in socket I/O: ... Connection refused".</summary>
    public string? UnreachableReason { get; init; }
    public DateTimeOffset? LastContactAt { get; init; }
    public DateTimeOffset? LastCheckedAt { get; init; }
    /// <summary>Auto-heal's next probe of this remote, while it has trouble.</summary>
    public DateTimeOffset? NextProbeAt { get; init; }
    public bool Busy { get; init; }
    /// <summary>Changed paths waiting in the coalescer (not sent yet).</summary>
    public int PendingPaths { get; init; }
    /// <summary>Paths in the fail log's open entries (failed, waiting for a retry).</summary>
    public int FailLogPaths { get; init; }
    /// <summary>Pending plus fail log: everything this remote has not received.</summary>
    public int UndeliveredPaths => PendingPaths + FailLogPaths;
    /// <summary>The fail log asks for the whole tree again (a failed full sync).</summary>
    public bool FullSyncPending { get; init; }
    /// <summary>When the oldest change this remote has not received was seen (coalescer or fail log).</summary>
    public DateTimeOffset? OldestUndeliveredAt { get; init; }
    /// <summary>Age of <see cref="OldestUndeliveredAt"/> when the status was taken; 0 when nothing waits.</summary>
    public double OldestUndeliveredSeconds { get; init; }
    /// <summary>The coalescer's oldest pending change only (what "lag" meant before the fail log counted).</summary>
    public DateTimeOffset? OldestPendingSince { get; init; }
    public DateTimeOffset? LastDeliveryAt { get; init; }
    public DateTimeOffset? LastFullSyncAt { get; init; }
    public bool LastRunFailed { get; init; }
    public string? LastError { get; init; }
    public long DeliveredPaths { get; init; }
    public long DeliveredBytes { get; init; }
    /// <summary>A run the deletion guard holds (POST /api/jobs/{id}/held-run/confirm or /cancel).</summary>
    public HeldRunResponse? HeldRun { get; init; }
    /// <summary>A held run was cancelled: the remote keeps entries the folder no longer has until a later check passes.</summary>
    public string? DeletionWarning { get; init; }
    /// <summary>The job's or remote's stored rsync settings are refused: nothing is delivered until they are edited.</summary>
    public string? SettingsProblem { get; init; }
    /// <summary>The last verify against this remote, if any (summary, no paths).</summary>
    public VerifyResultResponse? LastVerify { get; init; }
    /// <summary>How far the running full sync or large batch is; null when none runs.</summary>
    public ProgressResponse? Progress { get; init; }
    /// <summary>The one-glance state: upToDate, syncing, outOfSync, unreachable, paused, error, unknown (see README).</summary>
    public SyncConsole.Web.Glance.SyncState SyncState { get; init; }
    /// <summary>Its words, e.g. "Syncing 45 %", "Out of sync (3 items)".</summary>
    public string SyncStateText { get; init; } = "Unknown";
}
