using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Jobs;

/// <summary>The form's regex tester must answer exactly as the watcher will (sersync's match targets).</summary>
public sealed class FilterTesterTests
{
    [Theory]
    [InlineData(@"^/cache/.*", "cache/a.tmp", true)]   // below the root the target has a leading '/'
    [InlineData(@"^cache/.*", "cache/a.tmp", true)]    // ... but it matches the folder's walk target 'cache/': the folder gets no watch, so nothing in it is seen
    [InlineData(@"^cache/*", "cache/x.html", true)]    // the issue's case: the tester said "synced" while the engine never sent it
    [InlineData(@"^/cache/a\.tmp", "cache/b.tmp", false)]
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
    public void Test_NamesTheRuleThatApplied()
    {
        var result = FilterTester.Test([@".*\.log", @"^cache/*"], ignoreTempFiles: true, ["cache/x.html", "logs/app.log", "a/.swp", "a/b.txt"]);

        Assert.Equal("inside 'cache/', which gets no watch: the exclude '^cache/*' matches 'cache'", result.Samples[0].Rule);
        Assert.Equal(@"the exclude '.*\.log' matches '/logs/app.log'", result.Samples[1].Rule);
        Assert.StartsWith("sersync's temp-file rule", result.Samples[2].Rule);
        Assert.Null(result.Samples[3].Rule);
        Assert.False(result.Samples[3].Excluded);
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

/// <summary>Full-sync answers come from rsync itself (a local dry run with the job's --exclude rules).</summary>
public sealed class FullSyncExcludeTesterTests
{
    [Fact]
    public async Task TestAsync_AnswersAsRsyncDoes_AndNamesTheRule()
    {
        var live = FilterTester.Test([@"^cache/*"], ignoreTempFiles: true, ["cache/x.html", "skip.tmp", "deep/a/skip.tmp", "site/index.html", "build/"]).Samples;

        var result = await FullSyncExcludeTester.TestAsync(live, ["*.tmp", "/build/"]);

        // The issue's surprise, now visible: the live regex does not stop a full sync from sending cache/x.html.
        Assert.True(result[0].Excluded);
        Assert.False(result[0].FullSyncExcluded);
        Assert.True(result[1].FullSyncExcluded);
        Assert.Equal("rsync's --exclude=*.tmp", result[1].FullSyncRule);
        Assert.True(result[2].FullSyncExcluded); // an unanchored pattern matches at any depth
        Assert.False(result[3].FullSyncExcluded);
        Assert.Null(result[3].FullSyncRule);
        Assert.True(result[4].FullSyncExcluded);
        Assert.Equal("rsync's --exclude=/build/", result[4].FullSyncRule);
    }

    [Fact]
    public async Task Combine_WithTheLiveExcludesOn_TheRegexesExcludeForFullSyncsToo_TheTempRuleStaysLiveOnly()
    {
        string[] paths = ["cache/x.html", "skip.tmp", ".htaccess", "site/index.html"];
        var live = FilterTester.Test([@"^cache/*", @".*\.tmp"], ignoreTempFiles: true, paths).Samples;
        var regexOnly = FilterTester.Test([@"^cache/*", @".*\.tmp"], ignoreTempFiles: false, paths).Samples;
        var rsync = await FullSyncExcludeTester.TestAsync(live, []);

        var on = live.Select((s, i) => FullSyncExcludeTester.Combine(s, rsync[i], regexOnly[i])).ToList();
        var off = live.Select((s, i) => FullSyncExcludeTester.Combine(s, rsync[i], null)).ToList();

        // As the engine: cache/x.html and skip.tmp are not sent by a full sync with the switch on, and are without it.
        Assert.Equal([true, true, false, false], on.Select(s => s.FullSyncExcluded!.Value));
        Assert.StartsWith("the live exclude", on[0].FullSyncRule);
        Assert.Equal([false, false, false, false], off.Select(s => s.FullSyncExcluded!.Value));
        Assert.True(on[2].Excluded); // .htaccess: the temp-file rule drops it live only
    }

    [Fact]
    public async Task TestAsync_UnsafeSample_IsLeftWithoutAFullSyncAnswer()
    {
        var live = FilterTester.Test([], ignoreTempFiles: false, ["../etc/passwd", "ok.txt"]).Samples;

        var result = await FullSyncExcludeTester.TestAsync(live, []);

        Assert.Null(result[0].FullSyncExcluded);
        Assert.False(result[1].FullSyncExcluded);
    }
}
