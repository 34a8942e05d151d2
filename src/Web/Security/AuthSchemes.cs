namespace SyncConsole.Web.Security;

public static class AuthSchemes
{
    /// <summary>The default: forwards to <see cref="ApiKey"/> when the header is present, else to <see cref="Cookie"/>.</summary>
    public const string Smart = "SyncConsole";
    public const string Cookie = "Cookies";
    public const string ApiKey = "ApiKey";
    /// <summary>Header name as Sonarr and Radarr use it.</summary>
    public const string ApiKeyHeader = "X-Api-Key";
    public const string AdminUserName = "admin";
}
