namespace SyncConsole.Web.Security;

public enum LoginOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
}
