namespace SyncConsole.Engine.FailLog;

/// <summary>What one retry (or discard) of a fail-log entry did, and where the entry stands afterwards.</summary>
public sealed record RetryResult
{
    public required long Id { get; init; }
    public required RetryOutcome Outcome { get; init; }
    public required FailLogState State { get; init; }
    public string? Message { get; init; }
    public long? RunId { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
}
