namespace SyncConsole.Web.Glance;

/// <summary>
/// The one-glance answer per job and per (job, remote), in Syncthing's words. JSON: upToDate, syncing, outOfSync,
/// unreachable, paused, error, warning, unknown. Never upToDate without a check: a remote nothing has reached is unknown.
/// </summary>
public enum SyncState
{
    /// <summary>Nothing has checked yet (a remote not tried since the start, a job starting).</summary>
    Unknown,
    /// <summary>Reached by its last contact, nothing waiting, no difference found by the last verify since the last full sync.</summary>
    UpToDate,
    /// <summary>A run is in flight or changes wait to be sent (with a percentage while a full sync reports progress).</summary>
    Syncing,
    /// <summary>Changes failed and wait in the fail log, or the last verify found differences no full sync has covered since.</summary>
    OutOfSync,
    /// <summary>The last contact failed to connect.</summary>
    Unreachable,
    /// <summary>Paused or disabled by the administrator.</summary>
    Paused,
    /// <summary>The job is in error, a run is held by the deletion guard, the settings are refused, or the job has no remote.</summary>
    Error,
    /// <summary>Delivery works but something needs attention (overlapping destinations, the inotify watch limit).</summary>
    Warning,
}
