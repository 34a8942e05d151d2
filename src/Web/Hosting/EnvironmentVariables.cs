namespace SyncConsole.Web.Hosting;

/// <summary>Environment variables (also readable as configuration keys of the same name) the appliance honours.</summary>
public static class EnvironmentVariables
{
    public const string AdminPassword = "SYNCCONSOLE_ADMIN_PASSWORD";
    public const string ApiKey = "SYNCCONSOLE_API_KEY";
}
