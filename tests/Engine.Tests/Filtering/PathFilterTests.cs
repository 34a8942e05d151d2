using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Tests.Filtering;

public class PathFilterTests
{
    // sersync matches "name" for entries in the root and "/sub/dir/name" deeper down (sersync-semantics.md §4).
    [Theory]
    [InlineData(@"^info/*", "info", true, true)]
    [InlineData(@"^info/*", "info/x.txt", false, false)] // target "/info/x.txt": the caret forbids the leading slash
    [InlineData(@"^info/*", "a/info", true, false)]
    [InlineData(@"(.*)\.svn", ".svn", true, true)]
    [InlineData(@"(.*)\.svn", "a/b/.svn", true, true)]
    [InlineData(@"(.*)\.svn", "a/.svn/entries", false, false)]
    [InlineData(@"(.*)\.gz", "deep/er/file.gz", false, true)]
    [InlineData(@"(.*)\.gz", "file.gz.part", false, false)] // whole-string, not substring
    [InlineData(@"/cache/.*", "cache/x", false, true)]
    [InlineData(@"/cache/.*", "www/cache/x", false, false)]
    [InlineData(@"/www/cache/.*", "www/cache/x", false, true)]
    [InlineData(@"tmp", "tmp", false, true)]
    [InlineData(@"tmp", "a/tmp", false, false)]
    public void IsExcluded_SersyncEventTarget_MatchesLikeSersync(string regex, string path, bool isDirectory, bool expected)
    {
        var filter = new PathFilter([regex], ignoreTempFiles: false);
        Assert.Equal(expected, filter.IsExcluded(path, isDirectory));
    }

    [Theory]
    [InlineData(@"^info/*", "info", true)]
    [InlineData(@"^static/*", "static", true)]
    [InlineData(@"a/b/", "a/b", true)]        // only the initial walk's "sub/dir/" form matches this one
    [InlineData(@"(.*)\.svn", "x/.svn", true)] // only the event form "/x/.svn" matches this one
    [InlineData(@"^info/*", "a/info", false)]
    [InlineData(@"(.*)\.svn", "x/svn", false)]
    public void IsDirectoryExcluded_EitherSersyncForm_LeavesDirectoryUnwatched(string regex, string dir, bool expected)
    {
        var filter = new PathFilter([regex]);
        Assert.Equal(expected, filter.IsDirectoryExcluded(dir));
    }

    [Theory]
    [InlineData(".htaccess", false, true)]
    [InlineData("a/.swp", false, true)]
    [InlineData("a/notes.txt~", false, true)]
    [InlineData("a/4913", false, true)]
    [InlineData("a/49130", false, false)]
    [InlineData("a/.git", true, false)]  // dot-directories are not temp files
    [InlineData("a/4913", true, false)]
    [InlineData("a/x~y", false, false)]
    [InlineData("plain.txt", false, false)]
    public void IsExcluded_TempFileRule_FilesOnly(string path, bool isDirectory, bool expected)
    {
        Assert.Equal(expected, new PathFilter(ignoreTempFiles: true).IsExcluded(path, isDirectory));
        Assert.False(new PathFilter(ignoreTempFiles: false).IsExcluded(path, isDirectory));
    }

    [Fact]
    public void ForJob_InvalidRegex_SkippedWithErrorOthersStillApply()
    {
        var job = new JobDefinition { Id = 1, Name = "j", WatchPath = "/tmp", ExcludeRegexes = ["(unclosed", @"(.*)\.log"], IgnoreTempFiles = false };
        var filter = PathFilter.ForJob(job);

        var error = Assert.Single(filter.Errors);
        Assert.Contains("(unclosed", error);
        Assert.True(filter.IsExcluded("a/b.log", false));
        Assert.False(filter.IsExcluded(".hidden", false));
    }

    [Fact]
    public void IsExcluded_VeryLongPath_UsesHeapBufferAndStillMatches()
    {
        var filter = new PathFilter([@"/(x+/)+end\.txt"]);
        var path = string.Join('/', Enumerable.Repeat(new string('x', 50), 30)) + "/end.txt";
        Assert.True(filter.IsExcluded(path, false));
    }
}
