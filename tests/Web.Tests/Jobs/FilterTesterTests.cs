using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Jobs;

/// <summary>The form's regex tester must answer exactly as the watcher will (sersync's match targets).</summary>
public sealed class FilterTesterTests
{
    [Theory]
    [InlineData(@"^/cache/.*", "cache/a.tmp", true)]   // below the root the target has a leading '/'
    [InlineData(@"^cache/.*", "cache/a.tmp", false)]   // ... so a pattern without it never matches there
    [InlineData(@".*\.log", "app.log", true)]          // a bare name in the root
    [InlineData(@".*\.log", "logs/app.log", true)]
    [InlineData(@"\.log", "app.log", false)]           // whole-string match, not a substring search
    [InlineData(@"^/data/cache", "data/cache/", true)] // a folder sample: the folder gets no watch
    [InlineData(@"cache", "cache/", true)]             // a folder in the root: its bare name
    [InlineData(@"^/cache", "cache/", false)]          // ... which has no leading '/'

    public void Test_Sample_MatchesTheEnginesRule(string regex, string sample, bool excluded)
    {
        var result = FilterTester.Test([regex], ignoreTempFiles: false, [sample]);

        Assert.Equal(excluded, Assert.Single(result.Samples).Excluded);
    }

    [Fact]
    public void Test_TempFilesIgnored_ExcludesDotFilesWithoutAnyRegex()
    {
        var result = FilterTester.Test([], ignoreTempFiles: true, ["docs/.swap", "docs/a.txt~", "docs/a.txt", ""]);

        Assert.Equal([true, true, false], result.Samples.Select(s => s.Excluded));
    }

    [Fact]
    public void Test_InvalidRegex_ReportsItAndStillTestsTheOthers()
    {
        var result = FilterTester.Test(["(unclosed", @".*\.bak"], ignoreTempFiles: false, ["x.bak"]);

        Assert.Contains("(unclosed", Assert.Single(result.Errors));
        Assert.True(Assert.Single(result.Samples).Excluded);
    }
}
