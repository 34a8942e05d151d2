namespace SyncConsole.Web.Contracts;

/// <summary>What one retry of a fail-log entry did: resolved, failed (again, and when it is tried next), skipped or discarded.</summary>
public sealed record FailLogRetryResponse
{
    public required long Id { get; init; }
    /// <summary>resolved, failed, skipped or discarded.</summary>
    public required RetryOutcome Outcome { get; init; }
    public required FailLogState State { get; init; }
    public string? Message { get; init; }
    public long? RunId { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }

    public static FailLogRetryResponse From(RetryResult r) => new()
    {
        Id = r.Id, Outcome = r.Outcome, State = r.State, Message = r.Message, RunId = r.RunId, Attempts = r.Attempts, NextAttemptAt = r.NextAttemptAt,
    };
}
