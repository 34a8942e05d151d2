using SyncConsole.Engine.Filtering;

namespace SyncConsole.Web.Jobs;

/// <summary>
/// The job form's live tester: runs sample paths through the engine's own <see cref="PathFilter"/>, so what it shows is
/// what the watcher will do (whole-string match, sersync's leading '/' for paths below the root, and nothing inside a
/// folder that gets no watch), and names the rule that applied. Full-sync rules are rsync's: see <see cref="FullSyncExcludeTester"/>.
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
                var rule = filter.ExplainExclusion(p.Trim('/'), isDirectory: p.EndsWith('/'));
                return new FilterTestSample(p, rule is not null, rule);
            })
            .ToList();
        return new FilterTestResult(samples, filter.Errors);
    }
}
