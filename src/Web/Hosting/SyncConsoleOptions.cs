using SyncConsole.Web.Import;

namespace SyncConsole.Web.Hosting;

/// <summary>The <c>SyncConsole</c> configuration section.</summary>
public sealed class SyncConsoleOptions
{
    public const string Section = "SyncConsole";

    /// <summary>Holds the SQLite file, the Data Protection keys and the initial password; relative to the content root.</summary>
    public string DataDirectory { get; set; } = "./data";
    /// <summary>Where Kestrel listens when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c> nor <c>Urls</c> says otherwise.</summary>
    public string DefaultUrls { get; set; } = "http://127.0.0.1:5080";
    /// <summary>Fail-log retry interval for jobs that do not set their own.</summary>
    public int RetryIntervalMinutes { get; set; } = 60;
    /// <summary>
    /// Sync runs and settled (resolved or discarded) fail-log entries older than this many days are deleted, so the
    /// SQLite file does not grow without end; 0 keeps everything. Pending entries are kept whatever their age.
    /// </summary>
    public int HistoryDays { get; set; } = 30;
    public EngineOptions Engine { get; set; } = new();
    public AutoHealSettings AutoHeal { get; set; } = new();
    public MetricsOptions Metrics { get; set; } = new();
    public ImportOptions Import { get; set; } = new();
    public Notifications.AlertsOptions Alerts { get; set; } = new();
    public DatabaseOptions Database { get; set; } = new();
}
