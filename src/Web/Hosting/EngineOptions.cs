namespace SyncConsole.Web.Hosting;

/// <summary>The <c>SyncConsole:Engine</c> configuration section.</summary>
public sealed class EngineOptions
{
    /// <summary>rsync processes running at once across all jobs and remotes (sersync's -n); 0 means one per CPU core.</summary>
    public int MaxConcurrentRsync { get; set; }

    public int EffectiveMaxConcurrentRsync => MaxConcurrentRsync > 0 ? MaxConcurrentRsync : Environment.ProcessorCount;
}
