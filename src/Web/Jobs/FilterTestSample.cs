namespace SyncConsole.Web.Jobs;

/// <summary>One sample path through the job's filters: <see cref="Excluded"/> and <see cref="Rule"/> for live changes,
/// <see cref="FullSyncExcluded"/> and <see cref="FullSyncRule"/> for full syncs (null when the full-sync answer is not known).</summary>
public sealed record FilterTestSample(string Path, bool Excluded, string? Rule = null, bool? FullSyncExcluded = null, string? FullSyncRule = null);
