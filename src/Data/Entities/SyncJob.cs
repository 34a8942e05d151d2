using SyncConsole.Engine.Jobs;

namespace SyncConsole.Data.Entities;

/// <summary>One watched folder and how its changes are delivered (sersync's one confxml.xml).</summary>
public sealed class SyncJob
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string WatchPath { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Stopped by the admin for now; resuming reconciles with a full sync.</summary>
    public bool Paused { get; set; }
    public SyncEventMask Events { get; set; } = SyncEventMask.SersyncDefault;
    public string RsyncParams { get; set; } = "-artuz";
    public bool DeleteEnabled { get; set; } = true;
    public bool IgnoreTempFiles { get; set; } = true;
    public bool InitialFullSync { get; set; }
    /// <summary>Periodic full sync every N minutes (sersync's crontab schedule); exclusive with <see cref="FullSyncCron"/>.</summary>
    public int? FullSyncIntervalMinutes { get; set; }
    /// <summary>
    /// Full syncs, verifies and "make identical" also leave out what the live excludes match. False for existing rows and
    /// imports (sersync's split: full syncs use only the crontabfilter patterns); the UI and API default it to true.
    /// </summary>
    public bool FullSyncUsesLiveExcludes { get; set; }
    /// <summary>A Quartz cron expression for the periodic full sync.</summary>
    public string? FullSyncCron { get; set; }
    /// <summary>Verify every remote every N minutes (a dry-run comparison that changes nothing); null = only on request.</summary>
    public int? VerifyIntervalMinutes { get; set; }
    /// <summary>The scheduled verify compares checksums too (<c>--checksum</c>): finds same-size, same-mtime changes; reads every file.</summary>
    public bool VerifyDeep { get; set; }
    public int CoalescingDelayMs { get; set; } = 20;
    public int MaxBatchPaths { get; set; } = 10_000;
    /// <summary>Null means the global <c>SyncConsole:RetryIntervalMinutes</c>.</summary>
    public int? RetryIntervalMinutes { get; set; }
    /// <summary>Run a full sync once a remote recovers from trouble, to catch anything the fail log missed.</summary>
    public bool ReconcileAfterTrouble { get; set; } = true;
    public bool Debug { get; set; }
    /// <summary>sersync's <c>-m</c>: run plugins only, no rsync.</summary>
    public bool PluginOnly { get; set; }
    /// <summary>Hold runs that would delete most of a remote (see the engine's DeletionGuard).</summary>
    public bool DeletionGuardEnabled { get; set; } = true;
    /// <summary>Hold when more than this share (percent) of a remote's entries would be deleted...</summary>
    public int DeletionGuardMaxSharePercent { get; set; } = DeletionGuardSettings.DefaultMaxSharePercent;
    /// <summary>...and at least this many.</summary>
    public int DeletionGuardMinCount { get; set; } = DeletionGuardSettings.DefaultMinCount;
    /// <summary>
    /// The watch folder's file system after the last successful full sync ("8:17 ext4 / on /srv/www"); a full sync
    /// from another one (an unmounted disk) is held. Written by the engine, reset when the watch path changes.
    /// </summary>
    public string? LastHealthyDevice { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<JobRemote> JobRemotes { get; set; } = [];
    public List<FilterRule> FilterRules { get; set; } = [];
    public List<PluginConfig> Plugins { get; set; } = [];
}
