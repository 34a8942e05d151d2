namespace SyncConsole.Web.Glance;

/// <summary>
/// The header's answer to "is everything up to date?": all good (green) only when every running job was checked and is
/// up to date or syncing; "N problems" (red) counts jobs in error, unreachable, out of sync or needing attention;
/// otherwise unknown. <see cref="FirstProblemJobId"/> is where the badge links.
/// </summary>
public sealed record OverallGlance(OverallState State, int Problems, int? FirstProblemJobId, string? FirstProblem)
{
    public static OverallGlance Of(IEnumerable<(int JobId, string Name, SyncGlance Glance)> jobs)
    {
        var list = jobs.ToList();
        var problems = list.Where(j => j.Glance.IsProblem).ToList();
        if (problems.Count > 0)
        {
            var first = problems[0];
            return new(OverallState.Problems, problems.Count, first.JobId, $"{first.Name}: {first.Glance.Text}");
        }
        // Paused jobs are the administrator's choice, not a problem; but nothing running and checked is not "all good".
        var active = list.Where(j => j.Glance.State != SyncState.Paused).ToList();
        if (active.Count == 0 || active.Any(j => j.Glance.State == SyncState.Unknown || j.Glance.Detail == SyncGlance.NotChecked)) return new(OverallState.Unknown, 0, null, null);
        return new(OverallState.AllGood, 0, null, null);
    }
}

public enum OverallState
{
    Unknown,
    AllGood,
    Problems,
}
