using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.FailLog;

/// <summary>One fail-log entry as the engine sees it (a copy; changing it changes nothing).</summary>
public sealed record FailLogEntrySnapshot
{
    public required long Id { get; init; }
    public required int JobId { get; init; }
    public required int RemoteId { get; init; }
    public required FailLogState State { get; init; }
    public required IReadOnlyList<ChangedPath> Paths { get; init; }
    /// <summary>The whole tree must be re-sent (a failed full sync).</summary>
    public bool FullSync { get; init; }
    public int Attempts { get; init; }
    /// <summary>Retries that failed so far; the backoff counts only these.</summary>
    public int FailedRetries { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public string ExitMeaning { get; init; } = "";
    /// <summary>The job's own retry interval (null: the global one).</summary>
    public int? JobRetryIntervalMinutes { get; init; }
}
