namespace SyncConsole.Engine.Watching;

/// <summary>
/// Out-of-band news from a watcher. <see cref="FullSyncNeeded"/> says the change stream alone can no longer be
/// trusted and the job must reconcile the whole tree (once now, or periodically while the condition lasts).
/// </summary>
public sealed record WatcherSignal(WatcherSignalKind Kind, string Message)
{
    public bool FullSyncNeeded => Kind is WatcherSignalKind.Overflow or WatcherSignalKind.WatchLimitReached;

    /// <summary>For <see cref="WatcherSignalKind.WatchLimitReached"/>: fs.inotify.max_user_watches when it happened.</summary>
    public long? WatchLimit { get; init; }

    /// <summary>For <see cref="WatcherSignalKind.WatchLimitReached"/>: how many directories this tree needs watched.</summary>
    public long? WatchesNeeded { get; init; }
}
