namespace SyncConsole.Web.Hosting;

/// <summary>The <c>SyncConsole:Engine</c> configuration section.</summary>
public sealed class EngineOptions
{
    /// <summary>rsync processes running at once across all jobs and remotes (sersync's -n); 0 means one per CPU core.</summary>
    public int MaxConcurrentRsync { get; set; }

    /// <summary>
    /// rsync runs one job may have in flight to one remote at once, on paths that do not overlap, so a small edit
    /// need not wait behind a large upload; 1 sends strictly one after another.
    /// </summary>
    public int RunsPerRemote { get; set; } = 2;

    /// <summary>
    /// On stop (SIGTERM), how long a running rsync may finish before it is killed and its paths go to the fail log.
    /// The host's shutdown timeout is this plus a margin, so a stop is bounded.
    /// </summary>
    public int ShutdownGraceSeconds { get; set; } = 20;

    public int EffectiveMaxConcurrentRsync => MaxConcurrentRsync > 0 ? MaxConcurrentRsync : Environment.ProcessorCount;
}
