using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Glance;

/// <summary>
/// Decides the one-glance state of a job and of each of its remotes from the status the API already returns, in one
/// place for the dashboard, the Jobs list, the header badge and <c>GET /api/jobs/{id}/status</c>.
/// </summary>
public static class SyncGlanceRules
{
    public static SyncGlance ForRemote(JobState jobState, RemoteStatusResponse r)
    {
        if (jobState == JobState.Paused) return new(SyncState.Paused, "Paused");
        if (jobState == JobState.Stopped) return new(SyncState.Paused, "Disabled");
        if (jobState == JobState.Error) return new(SyncState.Error, "Error");
        if (r.HeldRun is not null) return new(SyncState.Error, "Held: deletes need confirming", r.HeldRun.Message);
        if (r.SettingsProblem is { } problem) return new(SyncState.Error, "Error", problem);
        if (r.Reachability == Reachability.Unreachable) return new(SyncState.Unreachable, "Unreachable", r.UnreachableReason);
        if (r.Busy || r.PendingPaths > 0)
        {
            // The first run to a remote is under way: syncing, but nothing has reached it yet (the header stays unknown).
            var unchecked_ = r.Reachability == Reachability.Unknown ? SyncGlance.NotChecked : null;
            return r.Progress?.Percent is { } percent ? new(SyncState.Syncing, $"Syncing {percent} %", unchecked_) : new(SyncState.Syncing, "Syncing", unchecked_);
        }
        if (r.FailLogPaths > 0 || r.FullSyncPending)
            return new(SyncState.OutOfSync, OutOfSync(r.FailLogPaths), "changes wait in the fail log for a retry");
        if (r.Reachability == Reachability.Unknown) return new(SyncState.Unknown, "Unknown", SyncGlance.NotChecked);
        // A full sync after the verify sent what differed (up to the job's own skip options): the verify's count is stale.
        if (r.LastVerify is { Completed: true, DifferenceCount: > 0 } v && (r.LastFullSyncAt is null || r.LastFullSyncAt < v.VerifiedAt))
            return new(SyncState.OutOfSync, OutOfSync(v.DifferenceCount), "found by the last verify");
        return new(SyncState.UpToDate, "Up to date");
    }

    /// <summary>The job's state: the worst of its remotes', or what the job itself says when it does not run.</summary>
    public static SyncGlance ForJob(JobStatusResponse? status, bool pluginOnly = false)
    {
        if (status is null) return new(SyncState.Unknown, "Unknown");
        switch (status.State)
        {
            case JobState.Paused: return new(SyncState.Paused, "Paused");
            case JobState.Stopped: return new(SyncState.Paused, "Disabled");
            // A held run puts the job in error too: say what to do about it rather than just "Error".
            case JobState.Error when status.Remotes.FirstOrDefault(r => r.HeldRun is not null) is { } held:
                return new(SyncState.Error, "Held: deletes need confirming", held.HeldRun!.Message);
            case JobState.Error: return new(SyncState.Error, "Error", status.Reason);
            case JobState.Starting: return new(SyncState.Unknown, "Unknown", "starting");
        }
        if (status.Remotes.Count == 0 && !pluginOnly) return new(SyncState.Error, "Error", "no remote");
        var worst = status.Remotes.Select(r => ForRemote(status.State, r)).OrderBy(g => Rank(g.State)).FirstOrDefault();
        if (worst is not null && Rank(worst.State) < Rank(SyncState.Unknown)) return worst;
        // Problems of the job as a whole (overlapping destinations, the watch limit) while every remote is fine.
        if (status.Health == JobHealth.Degraded)
            return new(SyncState.Warning, "Needs attention", status.HealthReasons.FirstOrDefault());
        if (worst is not null) return worst;
        return status.State == JobState.Syncing ? new(SyncState.Syncing, "Syncing") : new(SyncState.Unknown, "Unknown");
    }

    private static string OutOfSync(int items) => $"Out of sync ({items} item{(items == 1 ? "" : "s")})";

    // Worst first: what the administrator must act on before what only waits.
    private static int Rank(SyncState state) => state switch
    {
        SyncState.Error => 0,
        SyncState.Unreachable => 1,
        SyncState.OutOfSync => 2,
        SyncState.Warning => 3,
        SyncState.Syncing => 4,
        SyncState.Unknown => 5,
        SyncState.Paused => 6,
        _ => 7,
    };
}
