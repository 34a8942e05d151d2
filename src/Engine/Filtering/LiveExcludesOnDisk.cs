using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Filtering;

/// <summary>
/// What a job's live excludes (its filter regexes) leave out of the whole tree, found on disk, for the full syncs,
/// verifies and "make identical" runs of a job with <see cref="JobDefinition.FullSyncUsesLiveExcludes"/>. rsync's
/// patterns cannot express the regexes, so the paths they match become anchored exclude rules (as for new folders in
/// realtime batches). The built-in temp-file rule (<c>.*</c>, <c>*~</c>) stays live-only: a full sync still sends
/// <c>.htaccess</c>, as sersync's did.
/// </summary>
public static class LiveExcludesOnDisk
{
    /// <summary>
    /// The excluded paths (an excluded folder alone), or null when the job keeps sersync's split or has no live
    /// excludes. <paramref name="complete"/> is false when the walk stopped at <paramref name="maxPaths"/>.
    /// </summary>
    public static List<string>? Find(JobDefinition job, out bool complete, int maxPaths = ExcludedPathFinder.DefaultMaxPaths,
        CancellationToken cancellationToken = default)
    {
        complete = true;
        if (!job.FullSyncUsesLiveExcludes || job.ExcludeRegexes.Count == 0) return null;
        var finder = new ExcludedPathFinder(new PathFilter(job.ExcludeRegexes, ignoreTempFiles: false), maxPaths);
        var found = new List<string>();
        complete = finder.Collect(job.WatchPath, "", found, cancellationToken);
        return found;
    }
}
