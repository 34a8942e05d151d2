namespace SyncConsole.Engine.Running;

/// <summary>Where one remote of a running job stands: what waits, what last happened.</summary>
public sealed record RemoteStatus
{
    public required int RemoteId { get; init; }
    public required string Name { get; init; }
    public bool Busy { get; init; }
    public int PendingPaths { get; init; }
    /// <summary>When the oldest change still waiting for this remote was seen (lag = now - this).</summary>
    public DateTimeOffset? OldestPendingSince { get; init; }
    public DateTimeOffset? LastDeliveryAt { get; init; }
    public DateTimeOffset? LastFullSyncAt { get; init; }
    public bool LastRunFailed { get; init; }
    public string? LastError { get; init; }
    public long DeliveredPaths { get; init; }
    public long DeliveredBytes { get; init; }
}
