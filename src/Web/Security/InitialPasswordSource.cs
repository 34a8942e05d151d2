namespace SyncConsole.Web.Security;

/// <summary>Where the admin password came from, for the start-up banner.</summary>
public enum InitialPasswordSource
{
    /// <summary>The admin existed already: the password is whatever was set last.</summary>
    Existing,
    Environment,
    Generated,
}
