namespace SyncConsole.Web.Notifications;

/// <summary>The <c>SyncConsole:Alerts</c> configuration section.</summary>
public sealed class AlertsOptions
{
    /// <summary>How often the alert rules are evaluated (besides right after a job error, a held run or a verify).</summary>
    public double IntervalSeconds { get; set; } = 20;
}
