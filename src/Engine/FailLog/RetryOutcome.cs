namespace SyncConsole.Engine.FailLog;

/// <summary>What one retry (or discard) of a fail-log entry did. JSON: resolved, failed, skipped, discarded.</summary>
public enum RetryOutcome
{
    Resolved,
    /// <summary>Failed again: the entry is pending with its next attempt.</summary>
    Failed,
    /// <summary>Nothing was done (not pending, claimed elsewhere, job paused or disabled).</summary>
    Skipped,
    Discarded,
}
