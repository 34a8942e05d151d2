namespace SyncConsole.Web.Contracts;

/// <summary>Body of <c>POST /api/jobs</c> and <c>PUT /api/jobs/{id}</c>; omitted fields take their defaults.</summary>
public sealed record JobRequest
{
    public string? Name { get; init; }
    public string? WatchPath { get; init; }
    public bool Enabled { get; init; } = true;
    /// <summary>sersync event names (createFolder, createFile, closeWrite, moveFrom, moveTo, attrib, modify, delete); null = sersync's default set.</summary>
    public IReadOnlyList<string>? Events { get; init; }
    public string? RsyncParams { get; init; }
    public bool DeleteEnabled { get; init; } = true;
    public bool IgnoreTempFiles { get; init; } = true;
    public bool InitialFullSync { get; init; }
    public int? FullSyncIntervalMinutes { get; init; }
    public string? FullSyncCron { get; init; }
    /// <summary>Verify every remote every N minutes (5 to 10080); null = only on request.</summary>
    public int? VerifyIntervalMinutes { get; init; }
    /// <summary>The scheduled verify is a deep one (<c>--checksum</c>); needs <see cref="VerifyIntervalMinutes"/>.</summary>
    public bool VerifyDeep { get; init; }
    public int CoalescingDelayMs { get; init; } = 20;
    public int MaxBatchPaths { get; init; } = 10_000;
    public int? RetryIntervalMinutes { get; init; }
    public bool ReconcileAfterTrouble { get; init; } = true;
    public bool Debug { get; init; }
    public bool PluginOnly { get; init; }
    /// <summary>Hold runs that would delete most of a remote (an emptied or unmounted watch folder) until confirmed.</summary>
    public bool DeletionGuard { get; init; } = true;
    /// <summary>Hold when more than this share (0 to 100 %) of a remote's entries would be deleted...</summary>
    public int DeletionGuardPercent { get; init; } = SyncConsole.Engine.Jobs.DeletionGuardSettings.DefaultMaxSharePercent;
    /// <summary>...and at least this many entries.</summary>
    public int DeletionGuardMinCount { get; init; } = SyncConsole.Engine.Jobs.DeletionGuardSettings.DefaultMinCount;
    /// <summary>Remotes at their root destination (a link that already exists keeps its folder). Or use <see cref="Targets"/>.</summary>
    public IReadOnlyList<int>? RemoteIds { get; init; }
    /// <summary>Remotes with the job's destination folder on each; when given with <see cref="RemoteIds"/>, both must name the same remotes.</summary>
    public IReadOnlyList<JobTarget>? Targets { get; init; }
    public IReadOnlyList<string>? ExcludeRegexes { get; init; }
    public IReadOnlyList<string>? FullSyncExcludes { get; init; }
    /// <summary>Full syncs, verifies and "make identical" also skip what <see cref="ExcludeRegexes"/> match (found on disk).
    /// True when not given; imports keep sersync's split (false).</summary>
    public bool FullSyncUsesLiveExcludes { get; init; } = true;
}
