namespace SyncConsole.Web.Hosting;

/// <summary>The <c>SyncConsole:AutoHeal</c> configuration section.</summary>
public sealed class AutoHealSettings
{
    /// <summary>Probe remotes with undelivered changes and retry their fail log the moment they answer.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The first probe after trouble; each failed probe doubles the wait, up to the retry interval.</summary>
    public double FirstProbeSeconds { get; set; } = 2;
}
