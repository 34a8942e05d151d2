using SyncConsole.Engine.Filtering;

namespace SyncConsole.Web.Jobs;

/// <summary>
/// The job form's live regex tester: runs sample paths through the engine's own <see cref="PathFilter"/>, so what it
/// shows is what the watcher will do (whole-string match, sersync's leading '/' for paths below the root).
/// </summary>
public static class FilterTester
{
    public static FilterTestResult Test(IEnumerable<string> excludeRegexes, bool ignoreTempFiles, IEnumerable<string> samplePaths)
    {
        var filter = new PathFilter(excludeRegexes.Where(r => !string.IsNullOrWhiteSpace(r)), ignoreTempFiles);
        var samples = samplePaths.Select(p => p.Trim()).Where(p => p.Length > 0)
            .Select(p =>
            {
                // A trailing '/' marks a sample as a directory, as in the tester's hint.
                var isDirectory = p.EndsWith('/');
                var relative = p.Trim('/');
                var excluded = isDirectory ? filter.IsDirectoryExcluded(relative) : filter.IsExcluded(relative, isDirectory: false);
                return new FilterTestSample(p, excluded);
            })
            .ToList();
        return new FilterTestResult(samples, filter.Errors);
    }
}
