using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Delivery;

/// <summary>Paths that could not be delivered to one remote after the immediate retry.</summary>
public sealed record FailureRecord
{
    public required int JobId { get; init; }
    public required int RemoteId { get; init; }
    public required IReadOnlyList<ChangedPath> Paths { get; init; }
    /// <summary>True when the whole tree must be re-sent (a failed full sync), whatever <see cref="Paths"/> says.</summary>
    public bool FullSync { get; init; }
    public required int ExitCode { get; init; }
    public required string ExitMeaning { get; init; }
    public string StderrTail { get; init; } = "";
    public required DateTimeOffset At { get; init; }
    public long? SyncRunId { get; init; }
}
