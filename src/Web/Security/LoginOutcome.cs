namespace SyncConsole.Web.Security;

public enum LoginOutcome
{
    Succeeded,
    InvalidCredentials,
    /// <summary>Too many failed logins from this address (or from everywhere): not even checked.</summary>
    Throttled,
}
