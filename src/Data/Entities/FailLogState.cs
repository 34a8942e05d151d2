namespace SyncConsole.Data.Entities;

public enum FailLogState
{
    Pending = 0,
    Retrying = 1,
    Resolved = 2,
    Discarded = 3,
}
