namespace SyncConsole.Data;

/// <summary>Keys of rows in the AppSettings table.</summary>
public static class AppSettingKeys
{
    /// <summary>The API key, protected with Data Protection (the Settings page shows it, so it cannot be a hash).</summary>
    public const string ProtectedApiKey = "Security.ApiKey";
    /// <summary>Random value every login cookie carries; replacing it ends every session (logout, password or API key change).</summary>
    public const string SessionStamp = "Security.SessionStamp";
    /// <summary>The alert rules (JSON list of kind, enabled, minutes); missing = the defaults.</summary>
    public const string AlertRules = "Alerts.Rules";
    /// <summary>System settings changed on the Settings page (JSON); missing fields = appsettings.json.</summary>
    public const string SystemSettings = "System.Settings";
}
