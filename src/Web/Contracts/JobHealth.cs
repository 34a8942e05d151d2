namespace SyncConsole.Web.Contracts;

/// <summary>
/// Whether a job delivers what it sees, as far as anything has checked. JSON: healthy, degraded, unknown.
/// Healthy only when it runs and every remote was reached by its last contact; never green on faith.
/// </summary>
public enum JobHealth
{
    /// <summary>Not checked (yet): a remote nothing has tried since the start, or the job is not running.</summary>
    Unknown,
    Healthy,
    /// <summary>Something keeps changes from arriving: a remote unreachable, no remote at all, or the job in error.</summary>
    Degraded,
}
