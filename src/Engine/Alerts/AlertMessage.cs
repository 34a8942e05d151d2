namespace SyncConsole.Engine.Alerts;

/// <summary>Whether a message opens an incident, closes one, stands for several held back by the rate limit, or tests a channel.</summary>
public enum AlertEventType
{
    Alert,
    Recovery,
    Summary,
    Test,
}

/// <summary>One notification as every channel gets it; the webhook's JSON is this record (see the README's schema).</summary>
public sealed record AlertMessage
{
    public required AlertEventType Event { get; init; }
    public AlertKind? Kind { get; init; }
    public long? IncidentId { get; init; }
    public string? Key { get; init; }
    /// <summary>One line, e.g. "ALERT: remote 'backup' unreachable for 12 min".</summary>
    public required string Subject { get; init; }
    /// <summary>A few lines for a human: what, since when, the signal's own words, what to do.</summary>
    public required string Text { get; init; }
    public int? JobId { get; init; }
    public string? JobName { get; init; }
    public int? RemoteId { get; init; }
    public string? RemoteName { get; init; }
    /// <summary>When the problem began.</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>When this message was made.</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>For a summary: the subjects of the messages it stands for.</summary>
    public IReadOnlyList<string> Summarized { get; init; } = [];
}
