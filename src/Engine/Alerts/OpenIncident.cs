namespace SyncConsole.Engine.Alerts;

/// <summary>An incident that was alerted and has not recovered yet (stored, so a restart does not alert it again).</summary>
public sealed record OpenIncident
{
    public required long Id { get; init; }
    public required string Key { get; init; }
    public required AlertKind Kind { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public int? JobId { get; init; }
    public int? RemoteId { get; init; }
}

/// <summary>What one evaluation decided: incidents to open (and alert), to close with a recovery, to close silently.</summary>
public sealed record IncidentDecision(
    IReadOnlyList<AlertCondition> Opened,
    IReadOnlyList<OpenIncident> Recovered,
    IReadOnlyList<OpenIncident> Dropped)
{
    public bool IsEmpty => Opened.Count == 0 && Recovered.Count == 0 && Dropped.Count == 0;
}
