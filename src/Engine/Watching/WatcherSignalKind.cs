namespace SyncConsole.Engine.Watching;

public enum WatcherSignalKind
{
    /// <summary>The kernel dropped events (IN_Q_OVERFLOW): only a full reconciling sync is safe now.</summary>
    Overflow,
    /// <summary>inotify_add_watch failed with ENOSPC: part of the tree is unwatched; scan it and retry the watches (see <see cref="InotifyWatcher.UnwatchedFolders"/>).</summary>
    WatchLimitReached,
    /// <summary>After <see cref="InotifyWatcher.Rewatch"/>: every directory has its watch again after a watch-limit error.</summary>
    WatchesRestored,
    /// <summary>The watch root itself was deleted, moved away or unmounted; the watcher has stopped.</summary>
    RootGone,
    /// <summary>Anything else worth showing: a skipped exclude regex, a directory that could not be watched.</summary>
    Warning,
}
