namespace SyncConsole.Engine.Events;

public enum EngineEventKind
{
    FileChanged,
    BatchFlushed,
    RsyncStarted,
    RsyncFinished,
    RsyncFailed,
    FullSyncStarted,
    FullSyncFinished,
    FailLogCreated,
    FailLogRetried,
    FailLogResolved,
    FailLogDiscarded,
    WatchOverflow,
    JobStateChanged,
    JobError,
    JobWarning,
    PluginRan,
    PluginFailed,
    VerifyFinished,
    /// <summary>Delivery worked but had to change method (e.g. the filtered-delete fallback).</summary>
    DeliveryWarning,
    /// <summary>The deletion guard held a run that would delete most of a remote; nothing was deleted.</summary>
    DeletionHeld,
    /// <summary>The administrator confirmed or cancelled a held run.</summary>
    DeletionConfirmed,
    DeletionCancelled,
    /// <summary>How far a full sync or large batch is (at most one a second per remote while it runs); live only, not kept in the history.</summary>
    SyncProgress,
}
