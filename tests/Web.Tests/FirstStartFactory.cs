namespace SyncConsole.Web.Tests;

/// <summary>A host started as on a fresh machine: no SYNCCONSOLE_ADMIN_PASSWORD, no SYNCCONSOLE_API_KEY.</summary>
public sealed class FirstStartFactory : SyncConsoleFactory
{
    protected override bool UseFixedSecrets => false;
}
