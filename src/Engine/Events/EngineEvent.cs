namespace SyncConsole.Engine.Events;

/// <summary>
/// One thing the engine did or saw. Flat on purpose: it goes unchanged to the SignalR hub, the dashboard
/// feed and <c>GET /api/events</c>. Never carries a secret.
/// </summary>
public sealed record EngineEvent
{
    /// <summary>Monotonic id assigned by <see cref="EngineEventStream"/>; 0 until published.</summary>
    public long Id { get; init; }
    public DateTimeOffset Time { get; init; }
    public required EngineEventKind Kind { get; init; }
    public int? JobId { get; init; }
    public int? RemoteId { get; init; }
    /// <summary>The relative path for single-path events; null for batches.</summary>
    public string? Path { get; init; }
    public int PathCount { get; init; }
    public long Bytes { get; init; }
    /// <summary>Files rsync transferred (RsyncFinished); feeds the delivered-files metric.</summary>
    public int? FilesTransferred { get; init; }
    public double? DurationMs { get; init; }
    public int? ExitCode { get; init; }
    public string? ExitMeaning { get; init; }
    public long? FailLogId { get; init; }
    public long? SyncRunId { get; init; }
    /// <summary>Human-readable detail: an error, a command line with secrets masked, a state name.</summary>
    public string? Message { get; init; }
}
