using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Engine;

/// <summary>
/// Decides a job's <see cref="JobHealth"/> and says why, from its state and its remotes. Healthy only after contact:
/// a remote whose reachability is unknown keeps the job unknown, never green.
/// </summary>
public static class JobHealthRules
{
    /// <param name="overlaps">Destinations shared with another job (links stored before overlaps were refused): each
    /// job's deletes can remove the other's files, so the job is degraded until one of them moves.</param>
    public static (JobHealth Health, IReadOnlyList<string> Reasons) Evaluate(JobState state, string? reason, bool pluginOnly,
        bool reconcilesOnStart, IReadOnlyList<RemoteStatusResponse> remotes, IReadOnlyList<string>? overlaps = null)
    {
        var reasons = new List<string>();
        if (state == JobState.Error) reasons.Add(reason ?? "the job is in error");
        // A lasting warning of a running job (the inotify watch limit: part of the tree is only scanned).
        else if (state is JobState.Watching or JobState.Syncing && reason is not null) reasons.Add(reason);
        reasons.AddRange(overlaps ?? []);
        if (!pluginOnly && remotes.Count == 0 && state is not (JobState.Paused or JobState.Stopped))
            reasons.Add(NoRemoteReason(reconcilesOnStart));
        // A held run is already the job's error; a cancelled one leaves the remote with what the folder no longer has.
        foreach (var r in remotes.Where(r => r.SettingsProblem is not null))
            reasons.Add($"remote '{r.Name}': nothing is delivered until the job or remote is edited: {r.SettingsProblem}");
        foreach (var r in remotes.Where(r => r.HeldRun is null && r.DeletionWarning is not null))
            reasons.Add($"remote '{r.Name}': {r.DeletionWarning}");
        foreach (var r in remotes.Where(r => r.Reachability == Reachability.Unreachable))
            // rsync's reasons end with a full stop; this sentence goes on.
            reasons.Add($"remote '{r.Name}' unreachable since {SyncConsole.Web.Components.Shared.Format.Time(r.UnreachableSince)}: {r.UnreachableReason?.TrimEnd('.', ' ')}; {r.UndeliveredPaths} change(s) not delivered");
        if (reasons.Count > 0) return (JobHealth.Degraded, reasons);
        if (state is not (JobState.Watching or JobState.Syncing)) return (JobHealth.Unknown, reasons);
        var unknown = remotes.Where(r => r.Reachability == Reachability.Unknown).Select(r => $"remote '{r.Name}' not checked yet").ToList();
        return unknown.Count > 0 ? (JobHealth.Unknown, unknown) : (JobHealth.Healthy, reasons);
    }

    /// <summary>What happens to the changes of a job that has no remote: said, not hidden.</summary>
    public static string NoRemoteReason(bool reconcilesOnStart) => reconcilesOnStart
        ? "no remote: changes are seen but delivered nowhere; adding a remote restarts the job, and its start-up full sync sends the whole tree"
        : "no remote: changes are seen but delivered nowhere, and are not sent later (initial full sync and reconcile are off); add a remote";
}
