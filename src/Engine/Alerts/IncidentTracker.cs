namespace SyncConsole.Engine.Alerts;

/// <summary>
/// Turns what the signals say now into incidents: a problem that has lasted its rule's minutes opens one incident
/// (one alert), however often it is seen again; the incident closes (one recovery) only when its problem is gone, not
/// while the signal cannot tell. An incident whose rule was switched off closes without a message. Pure: the open
/// incidents come from the caller's store, the clock from the caller.
/// </summary>
public sealed class IncidentTracker
{
    // When a problem without a known start was first seen; in memory only (after a restart, an open incident needs no timing).
    private readonly Dictionary<string, DateTimeOffset> firstSeen = [];

    public IncidentDecision Decide(AlertObservations now, IReadOnlyList<AlertRule> rules, IReadOnlyList<OpenIncident> open, DateTimeOffset at)
    {
        var byKind = rules.ToDictionary(r => r.Kind);
        var openKeys = open.Select(i => i.Key).ToHashSet();
        var problems = now.Problems.GroupBy(p => p.Key).Select(g => g.First()).ToList();

        foreach (var key in firstSeen.Keys.Except(problems.Select(p => p.Key)).ToList()) firstSeen.Remove(key);
        var opened = new List<AlertCondition>();
        foreach (var p in problems)
        {
            var since = p.Since ?? (firstSeen.TryGetValue(p.Key, out var seen) ? seen : firstSeen[p.Key] = at);
            if (openKeys.Contains(p.Key)) continue;
            if (byKind.GetValueOrDefault(p.Kind) is not { Enabled: true } rule) continue;
            if (at - since < TimeSpan.FromMinutes(rule.Minutes)) continue;
            opened.Add(p with { Since = since });
        }

        var present = problems.Select(p => p.Key).ToHashSet();
        var recovered = new List<OpenIncident>();
        var dropped = new List<OpenIncident>();
        foreach (var incident in open)
        {
            if (byKind.GetValueOrDefault(incident.Kind) is not { Enabled: true }) dropped.Add(incident);
            else if (!present.Contains(incident.Key) && !now.Uncertain.Contains(incident.Key)) recovered.Add(incident);
        }
        return new IncidentDecision(opened, recovered, dropped);
    }
}
