namespace SyncConsole.Engine.Alerts;

/// <summary>One rule: on or off, and how long its condition must last before it alerts (0 = at once).</summary>
public sealed record AlertRule(AlertKind Kind, bool Enabled, int Minutes)
{
    public const int MaxMinutes = 10_080;

    /// <summary>What a fresh installation uses: every rule on, outages and stale failures after a grace time.</summary>
    public static IReadOnlyList<AlertRule> Defaults { get; } =
    [
        new(AlertKind.RemoteUnreachable, true, 10),
        new(AlertKind.FailLogStale, true, 60),
        new(AlertKind.JobError, true, 5),
        new(AlertKind.VerifyDifferences, true, 0),
        new(AlertKind.DeletionHeld, true, 0),
    ];

    /// <summary>The stored rules completed with the defaults for kinds they do not name (a rule added by an upgrade).</summary>
    public static IReadOnlyList<AlertRule> Complete(IEnumerable<AlertRule>? stored)
    {
        var byKind = (stored ?? []).Where(r => Enum.IsDefined(r.Kind)).GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Last());
        return Defaults.Select(d => byKind.GetValueOrDefault(d.Kind) ?? d).ToList();
    }
}
