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
}
