using SyncConsole.Engine.Plugins;

namespace SyncConsole.Engine.Jobs;

/// <summary>Everything the engine needs to run one job: what to watch, what to ignore, where to send it.</summary>
public sealed record JobDefinition
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    /// <summary>Absolute path of the watched folder, without a trailing slash.</summary>
    public required string WatchPath { get; init; }
    public SyncEventMask Events { get; init; } = SyncEventMask.SersyncDefault;
    /// <summary>Propagate deletes to remotes (sersync's inotify/delete).</summary>
    public bool DeleteEnabled { get; init; } = true;
    /// <summary>rsync's common params as the user wrote them (sersync's commonParams), default <c>-artuz</c>.</summary>
    public string RsyncParams { get; init; } = "-artuz";
    /// <summary>Regexes for live events, whole-matched against the relative path (sersync's filter/exclude).</summary>
    public IReadOnlyList<string> ExcludeRegexes { get; init; } = [];
    /// <summary>rsync exclude patterns for full syncs (sersync's crontabfilter/exclude).</summary>
    public IReadOnlyList<string> FullSyncExcludes { get; init; } = [];
    /// <summary>
    /// Full syncs, verifies and "make identical" also leave out what the live filter excludes (<see cref="ExcludeRegexes"/>,
    /// <see cref="IgnoreTempFiles"/>), found on disk. Off keeps sersync's split, where only <see cref="FullSyncExcludes"/> apply.
    /// </summary>
    public bool FullSyncUsesLiveExcludes { get; init; }
    /// <summary>sersync's built-in rule: ignore files named <c>.*</c>, <c>*~</c> and vim's <c>4913</c>.</summary>
    public bool IgnoreTempFiles { get; init; } = true;
    /// <summary>The longest a change waits while more keep arriving (sersync's batching of a burst); see <see cref="QuietDelay"/>.</summary>
    public TimeSpan SettleDelay { get; init; } = TimeSpan.FromMilliseconds(20);
    /// <summary>
    /// Pending changes go once none arrived for this long (a lone change goes at once); null for the coalescer's 2 ms.
    /// Never above <see cref="SettleDelay"/>. Not stored: equal to the settle delay it restores a fixed settle.
    /// </summary>
    public TimeSpan? QuietDelay { get; init; }
    public int MaxBatchPaths { get; init; } = 10_000;
    /// <summary>One full sync of the tree when the job starts (sersync's <c>-r</c>).</summary>
    public bool InitialFullSync { get; init; }
    /// <summary>After an overflow, a watch-root outage or a remote coming back, reconcile with a full sync.</summary>
    public bool ReconcileAfterTrouble { get; init; } = true;
    public IReadOnlyList<RemoteDefinition> Remotes { get; init; } = [];
    /// <summary>Enabled plugins, run after each successful realtime delivery (see <see cref="PluginDispatcher"/>).</summary>
    public IReadOnlyList<PluginDefinition> Plugins { get; init; } = [];
    /// <summary>sersync's <c>-m</c>: no rsync at all; changed paths go straight to the plugins. Remotes are ignored.</summary>
    public bool PluginOnly { get; init; }
    /// <summary>Holds runs that would delete most of a remote (an emptied or unmounted watch folder).</summary>
    public DeletionGuardSettings DeletionGuard { get; init; } = new();

    public override string ToString() => Name;
}
