using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.FailLog;

/// <summary>How a claimed entry ends; built with <see cref="Resolved"/>, <see cref="Discarded"/> or <see cref="FailedAgain"/>.</summary>
public sealed record RetryCompletion
{
    public required RetryOutcome Outcome { get; init; }
    public long? RunId { get; init; }
    /// <summary>Failed again: what is still undelivered (the rest was delivered and leaves the entry).</summary>
    public IReadOnlyList<ChangedPath> StillFailed { get; init; } = [];
    public bool FullSyncFailed { get; init; }
    public int ExitCode { get; init; }
    public string ExitMeaning { get; init; } = "";
    public string StderrTail { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }

    public static RetryCompletion Resolved(long? runId) => new() { Outcome = RetryOutcome.Resolved, RunId = runId };

    public static RetryCompletion Discarded() => new() { Outcome = RetryOutcome.Discarded };

    public static RetryCompletion FailedAgain(IReadOnlyList<ChangedPath> stillFailed, bool fullSync, int exitCode, string exitMeaning, string stderrTail,
        DateTimeOffset at, DateTimeOffset nextAttemptAt) => new()
    {
        Outcome = RetryOutcome.Failed, StillFailed = stillFailed, FullSyncFailed = fullSync, ExitCode = exitCode, ExitMeaning = exitMeaning,
        StderrTail = stderrTail, At = at, NextAttemptAt = nextAttemptAt,
    };
}
