namespace SyncConsole.Web.Hosting;

/// <summary>The <c>SyncConsole:Metrics</c> configuration section.</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// Client addresses (e.g. <c>127.0.0.1</c>, <c>10.0.0.5</c>) allowed to scrape <c>/metrics</c> without the API key.
    /// Empty by default: only the API key (or a logged-in session) may read metrics.
    /// </summary>
    public List<string> AllowedAddresses { get; set; } = [];
}
