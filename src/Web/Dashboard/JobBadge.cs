using MudBlazor;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Dashboard;

/// <summary>
/// A job card's state chip: green only for a running job whose remotes were all reached by their last contact;
/// "degraded: ..." in warning colour while a remote is unreachable or the job has no remote; uncoloured while unchecked.
/// </summary>
public static class JobBadge
{
    public static string Text(JobStatusResponse? status)
    {
        if (status is null) return "unknown";
        var state = status.State.ToString().ToLowerInvariant();
        if (status.Remotes.Any(r => r.HeldRun is not null)) return "held: deletes need confirming";
        if (status.Health != JobHealth.Degraded || status.State == JobState.Error) return state;
        var unreachable = status.Remotes.Count(r => r.Reachability == Reachability.Unreachable);
        return unreachable > 0 ? $"degraded: {unreachable} remote{(unreachable == 1 ? "" : "s")} unreachable"
            : status.Remotes.Count == 0 ? "degraded: no remote" : $"degraded: {Short(status.HealthReasons.FirstOrDefault())}";
    }

    // A chip is one line: a long reason (a cancelled hold, the watch limit) overran the card and the phone screen.
    // The card lists every reason in full below it.
    private const int MaxReason = 48;

    private static string Short(string? reason) => reason is null ? "" : reason.Length <= MaxReason ? reason : reason[..(MaxReason - 1)].TrimEnd() + "…";

    public static Color Color(JobStatusResponse? status) => status switch
    {
        null => MudBlazor.Color.Default,
        { State: JobState.Error } => MudBlazor.Color.Error,
        { Health: JobHealth.Degraded } => MudBlazor.Color.Warning,
        { State: JobState.Paused or JobState.Stopped } => MudBlazor.Color.Default,
        { Health: JobHealth.Healthy, State: JobState.Watching } => MudBlazor.Color.Success,
        { Health: JobHealth.Healthy, State: JobState.Syncing } => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };
}
