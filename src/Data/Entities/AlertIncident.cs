using SyncConsole.Engine.Alerts;

namespace SyncConsole.Data.Entities;

/// <summary>One alerted problem: open until its recovery was sent. Kept so a restart does not alert it again.</summary>
public sealed class AlertIncident
{
    public long Id { get; set; }
    /// <summary>Names the problem, e.g. "remoteUnreachable:3"; at most one open incident per key.</summary>
    public required string Key { get; set; }
    public AlertKind Kind { get; set; }
    public int? JobId { get; set; }
    public int? RemoteId { get; set; }
    public required string Title { get; set; }
    /// <summary>When the problem began (or was first seen).</summary>
    public DateTimeOffset Since { get; set; }
    /// <summary>When the alert was handed to the channels.</summary>
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>The recovery was sent (false when the incident closed because its rule was switched off).</summary>
    public bool RecoveryNotified { get; set; }
}
