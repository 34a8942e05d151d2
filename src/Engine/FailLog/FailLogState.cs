namespace SyncConsole.Engine.FailLog;

/// <summary>
/// Where a fail-log entry stands. Pending waits for a retry; Retrying is claimed by one retry (so a manual and a
/// scheduled retry never send it twice); Resolved and Discarded are history. Only <see cref="IFailLog"/> moves an entry.
/// </summary>
public enum FailLogState
{
    Pending = 0,
    Retrying = 1,
    Resolved = 2,
    Discarded = 3,
}
