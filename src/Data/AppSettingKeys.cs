namespace SyncConsole.Data;

/// <summary>Keys of rows in the AppSettings table.</summary>
public static class AppSettingKeys
{
    /// <summary>The API key, protected with Data Protection (the Settings page shows it, so it cannot be a hash).</summary>
    public const string ProtectedApiKey = "Security.ApiKey";
}
