namespace SyncConsole.Web.Hosting;

/// <summary>The <c>SyncConsole:Engine</c> configuration section.</summary>
public sealed class EngineOptions
{
    /// <summary>rsync processes running at once across all jobs and remotes.</summary>
    public int MaxConcurrentRsync { get; set; } = 4;
}
