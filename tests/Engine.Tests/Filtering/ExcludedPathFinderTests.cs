using SyncConsole.Engine.Filtering;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Filtering;

public class ExcludedPathFinderTests
{
    private static void Write(TempDirectory root, string relative)
    {
        var full = root.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, relative);
    }

    [Fact]
    public void Collect_ExcludedFolder_IsFoundAloneAndNotDescended()
    {
        using var root = new TempDirectory();
        foreach (var f in new[] { "site/keep.txt", "site/.swp", "site/a/cache/.x", "site/a/cache/deep/y.log", "site/a/b/z.log", "site/.git/HEAD" })
            Write(root, f);
        var finder = new ExcludedPathFinder(new PathFilter([@"(.*)\.log", @"(.*)/cache"]));

        var found = new List<string>();
        Assert.True(finder.Collect(root.Path, "site", found));

        Assert.Equal(["site/.swp", "site/a/b/z.log", "site/a/cache"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Collect_SymlinkedFolderAndLoop_AreNotFollowed()
    {
        using var root = new TempDirectory();
        using var elsewhere = new TempDirectory();
        Write(elsewhere, ".secret");
        Write(root, "site/.own");
        Directory.CreateSymbolicLink(root.Combine("site/link"), elsewhere.Path);
        Directory.CreateSymbolicLink(root.Combine("site/loop"), ".");
        File.CreateSymbolicLink(root.Combine("site/.dotlink"), "nowhere");

        var found = new List<string>();
        Assert.True(new ExcludedPathFinder(new PathFilter()).Collect(root.Path, "site", found));

        // A link is judged by its own name, like a file; what it points to is never walked.
        Assert.Equal(["site/.dotlink", "site/.own"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Collect_CapReached_StopsAndSaysSo()
    {
        using var root = new TempDirectory();
        for (var i = 0; i < 10; i++) Write(root, $"site/d{i}/.t");
        var found = new List<string>();
        Assert.False(new ExcludedPathFinder(new PathFilter(), maxPaths: 4).Collect(root.Path, "site", found));
        Assert.Equal(4, found.Count);
    }

    [Fact]
    public void Collect_FilterThatExcludesNothingOrMissingFolder_FindsNothing()
    {
        using var root = new TempDirectory();
        Write(root, "site/.hidden");
        var none = new ExcludedPathFinder(PathFilter.None);
        Assert.False(none.CanExclude);
        var found = new List<string>();
        Assert.True(none.Collect(root.Path, "site", found));
        Assert.True(new ExcludedPathFinder(new PathFilter()).Collect(root.Path, "gone", found));
        Assert.Empty(found);
    }
}
