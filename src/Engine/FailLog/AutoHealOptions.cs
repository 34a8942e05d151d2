namespace SyncConsole.Engine.FailLog;

public sealed record AutoHealOptions
{
    /// <summary>How often the healer looks at the remotes (it probes only those whose next probe is due).</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The first probe after trouble, doubling after each failed probe.</summary>
    public TimeSpan FirstProbeDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between probes; null: the retry interval (a probe is never rarer than a retry).</summary>
    public TimeSpan? MaxProbeDelay { get; init; }
}
