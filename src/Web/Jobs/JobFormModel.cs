using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Jobs;

/// <summary>The job form's editable state; converts to the same <see cref="JobRequest"/> the REST API takes, so both share validation.</summary>
public sealed class JobFormModel
{
    public string Name { get; set; } = "";
    public string WatchPath { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public HashSet<string> Events { get; set; } = [.. SyncEventNames.ToNames(SyncConsole.Engine.Jobs.SyncEventMask.SersyncDefault)];
    public string RsyncParams { get; set; } = "-artuz";
    public bool DeleteEnabled { get; set; } = true;
    public bool IgnoreTempFiles { get; set; } = true;
    public bool InitialFullSync { get; set; }
    public ScheduleMode Schedule { get; set; } = ScheduleMode.None;
    public int? FullSyncIntervalMinutes { get; set; }
    public string? FullSyncCron { get; set; }
    public int? VerifyIntervalMinutes { get; set; }
    public bool VerifyDeep { get; set; }
    public int CoalescingDelayMs { get; set; } = 20;
    public int MaxBatchPaths { get; set; } = 10_000;
    public int? RetryIntervalMinutes { get; set; }
    public bool ReconcileAfterTrouble { get; set; } = true;
    public bool Debug { get; set; }
    public bool PluginOnly { get; set; }
    public bool DeletionGuard { get; set; } = true;
    public int DeletionGuardPercent { get; set; } = SyncConsole.Engine.Jobs.DeletionGuardSettings.DefaultMaxSharePercent;
    public int DeletionGuardMinCount { get; set; } = SyncConsole.Engine.Jobs.DeletionGuardSettings.DefaultMinCount;
    public HashSet<int> RemoteIds { get; set; } = [];
    /// <summary>The destination folder per remote id; kept when a remote is unticked and ticked again.</summary>
    public Dictionary<int, string> Destinations { get; set; } = [];
    /// <summary>One exclude regex per line.</summary>
    public string ExcludeRegexes { get; set; } = "";
    /// <summary>One rsync exclude pattern per line (full syncs only).</summary>
    public string FullSyncExcludes { get; set; } = "";
    /// <summary>On for new jobs; imported ones keep sersync's split until switched on.</summary>
    public bool FullSyncUsesLiveExcludes { get; set; } = true;

    public enum ScheduleMode { None, Interval, Cron }

    public static JobFormModel From(JobResponse job) => new()
    {
        Name = job.Name,
        WatchPath = job.WatchPath,
        Enabled = job.Enabled,
        Events = [.. job.Events],
        RsyncParams = job.RsyncParams,
        DeleteEnabled = job.DeleteEnabled,
        IgnoreTempFiles = job.IgnoreTempFiles,
        InitialFullSync = job.InitialFullSync,
        Schedule = job.FullSyncCron is not null ? ScheduleMode.Cron : job.FullSyncIntervalMinutes is not null ? ScheduleMode.Interval : ScheduleMode.None,
        FullSyncIntervalMinutes = job.FullSyncIntervalMinutes,
        FullSyncCron = job.FullSyncCron,
        VerifyIntervalMinutes = job.VerifyIntervalMinutes,
        VerifyDeep = job.VerifyDeep,
        CoalescingDelayMs = job.CoalescingDelayMs,
        MaxBatchPaths = job.MaxBatchPaths,
        RetryIntervalMinutes = job.RetryIntervalMinutes,
        ReconcileAfterTrouble = job.ReconcileAfterTrouble,
        Debug = job.Debug,
        PluginOnly = job.PluginOnly,
        DeletionGuard = job.DeletionGuard,
        DeletionGuardPercent = job.DeletionGuardPercent,
        DeletionGuardMinCount = job.DeletionGuardMinCount,
        RemoteIds = [.. job.RemoteIds],
        Destinations = job.Targets.ToDictionary(t => t.RemoteId, t => t.Destination ?? ""),
        ExcludeRegexes = string.Join('\n', job.ExcludeRegexes),
        FullSyncExcludes = string.Join('\n', job.FullSyncExcludes),
        FullSyncUsesLiveExcludes = job.FullSyncUsesLiveExcludes,
    };

    public IReadOnlyList<string> ExcludeRegexList => Lines(ExcludeRegexes);

    public string DestinationOf(int remoteId) => Destinations.GetValueOrDefault(remoteId, "");

    public JobRequest ToRequest() => new()
    {
        Name = Name,
        WatchPath = WatchPath.Trim(),
        Enabled = Enabled,
        // Keep sersync's order regardless of click order.
        Events = SyncEventNames.All.Where(Events.Contains).ToList(),
        RsyncParams = RsyncParams,
        DeleteEnabled = DeleteEnabled,
        IgnoreTempFiles = IgnoreTempFiles,
        InitialFullSync = InitialFullSync,
        FullSyncIntervalMinutes = Schedule == ScheduleMode.Interval ? FullSyncIntervalMinutes : null,
        FullSyncCron = Schedule == ScheduleMode.Cron ? FullSyncCron : null,
        VerifyIntervalMinutes = VerifyIntervalMinutes,
        // Deep is a property of the scheduled verify: without a schedule there is nothing to make deep.
        VerifyDeep = VerifyDeep && VerifyIntervalMinutes is not null,
        CoalescingDelayMs = CoalescingDelayMs,
        MaxBatchPaths = MaxBatchPaths,
        RetryIntervalMinutes = RetryIntervalMinutes,
        ReconcileAfterTrouble = ReconcileAfterTrouble,
        Debug = Debug,
        PluginOnly = PluginOnly,
        DeletionGuard = DeletionGuard,
        DeletionGuardPercent = DeletionGuardPercent,
        DeletionGuardMinCount = DeletionGuardMinCount,
        Targets = RemoteIds.Order().Select(id => new JobTarget { RemoteId = id, Destination = DestinationOf(id) }).ToList(),
        ExcludeRegexes = ExcludeRegexList,
        FullSyncExcludes = Lines(FullSyncExcludes),
        FullSyncUsesLiveExcludes = FullSyncUsesLiveExcludes,
    };

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
}
