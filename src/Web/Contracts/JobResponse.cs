namespace SyncConsole.Web.Contracts;

public sealed record JobResponse
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required string WatchPath { get; init; }
    public required bool Enabled { get; init; }
    public bool Paused { get; init; }
    public required IReadOnlyList<string> Events { get; init; }
    public required string RsyncParams { get; init; }
    public required bool DeleteEnabled { get; init; }
    public required bool IgnoreTempFiles { get; init; }
    public required bool InitialFullSync { get; init; }
    public int? FullSyncIntervalMinutes { get; init; }
    public string? FullSyncCron { get; init; }
    public int? VerifyIntervalMinutes { get; init; }
    public bool VerifyDeep { get; init; }
    public required int CoalescingDelayMs { get; init; }
    public required int MaxBatchPaths { get; init; }
    public int? RetryIntervalMinutes { get; init; }
    public required bool ReconcileAfterTrouble { get; init; }
    public required bool Debug { get; init; }
    public required bool PluginOnly { get; init; }
    public required bool DeletionGuard { get; init; }
    public required int DeletionGuardPercent { get; init; }
    public required int DeletionGuardMinCount { get; init; }
    public required IReadOnlyList<int> RemoteIds { get; init; }
    /// <summary>The same remotes with the job's destination folder on each ("" = the root).</summary>
    public required IReadOnlyList<JobTarget> Targets { get; init; }
    public required IReadOnlyList<string> ExcludeRegexes { get; init; }
    public required IReadOnlyList<string> FullSyncExcludes { get; init; }
    public required bool FullSyncUsesLiveExcludes { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
