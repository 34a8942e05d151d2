namespace SyncConsole.Engine.Running;

/// <summary>Where one remote of a running job stands: what waits, what last happened.</summary>
public sealed record RemoteStatus
{
    public required int RemoteId { get; init; }
    public required string Name { get; init; }
    public bool Busy { get; init; }
    public int PendingPaths { get; init; }
    /// <summary>When the oldest change still waiting for this remote was seen (lag = now - this).</summary>
    public DateTimeOffset? OldestPendingSince { get; init; }
    public DateTimeOffset? LastDeliveryAt { get; init; }
    public DateTimeOffset? LastFullSyncAt { get; init; }
    public bool LastRunFailed { get; init; }
    public string? LastError { get; init; }
    public long DeliveredPaths { get; init; }
    public long DeliveredBytes { get; init; }
    /// <summary>Unknown until a run or a probe tried the remote; unreachable after a failed connection (see <see cref="UnreachableReason"/>).</summary>
    public Reachability Reachability { get; init; }
    /// <summary>When the current outage began (the first failed contact in a row); null unless unreachable.</summary>
    public DateTimeOffset? UnreachableSince { get; init; }
    /// <summary>rsync's (or the probe's) reason, e.g. "Error in socket I/O: failed to connect to 10.0.0.5 (Connection refused)".</summary>
    public string? UnreachableReason { get; init; }
    /// <summary>The last time something reached the remote (a run, a retry or a probe that connected).</summary>
    public DateTimeOffset? LastContactAt { get; init; }
    /// <summary>The last time anything tried it, whatever the answer.</summary>
    public DateTimeOffset? LastCheckedAt { get; init; }
    /// <summary>A run the deletion guard holds until the administrator confirms or cancels it.</summary>
    public HeldRun? HeldRun { get; init; }
    /// <summary>Set when a held run was cancelled: the remote keeps entries the folder no longer has, until a later check passes.</summary>
    public string? DeletionWarning { get; init; }
    /// <summary>
    /// Stored settings the option rules refuse (e.g. an option allowed before an upgrade): every run is rejected into the
    /// fail log until the job or remote is edited. Null when the settings are acceptable.
    /// </summary>
    public string? SettingsProblem { get; init; }
    /// <summary>How far the running full sync or large batch is; null when none reports progress.</summary>
    public SyncProgress? Progress { get; init; }
}
