namespace SyncConsole.Engine.Alerts;

/// <summary>What an alert rule watches for; each has a matching recovery.</summary>
public enum AlertKind
{
    /// <summary>A remote no job can reach, for N minutes.</summary>
    RemoteUnreachable,
    /// <summary>A fail-log entry (a change not delivered) older than N minutes.</summary>
    FailLogStale,
    /// <summary>A job in error (other than a held run, which has its own rule) for N minutes.</summary>
    JobError,
    /// <summary>The last verify of a job against a remote found differences.</summary>
    VerifyDifferences,
    /// <summary>The deletion guard holds a run until the administrator confirms or cancels it.</summary>
    DeletionHeld,
}
