using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Watching;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Watching;

/// <summary>The stand-in for inotify in folders the watch limit left unwatched, on a real temp tree.</summary>
public sealed class UnwatchedFolderScannerTests : IDisposable
{
    private readonly TempDirectory root = new("syncconsole-scan");
    private readonly UnwatchedFolderScanner scanner;

    public UnwatchedFolderScannerTests()
    {
        scanner = new UnwatchedFolderScanner(root.Path, new PathFilter([@"(.*)\.log"], ignoreTempFiles: true));
        Write("big/a/keep.txt", "1");
        Write("big/a/old.txt", "old");
        Write("big/b/x.txt", "x");
        Write("watched/w.txt", "w");
    }

    public void Dispose() => root.Dispose();

    private void Write(string relative, string content)
    {
        var full = root.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    [Fact]
    public void Scan_AfterTheBaseline_ReportsWhatAppearedChangedAndWentAwayUnderUnwatchedFoldersOnly()
    {
        Assert.Empty(scanner.Scan(["big"], reportNewFolders: false));

        Write("big/a/keep.txt", "22");              // changed (size)
        File.SetLastWriteTimeUtc(root.Combine("big/a/old.txt"), DateTime.UtcNow.AddHours(-1)); // changed (mtime)
        Write("big/new/deep/n.txt", "n");           // a new folder
        Write("big/b/skip.log", "excluded by the job's filter");
        Write("big/b/.swap", "a temp file");
        File.Delete(root.Combine("big/b/x.txt"));
        Write("watched/w.txt", "ww");               // inotify's business, not the scanner's

        var changes = scanner.Scan(["big"], reportNewFolders: true);

        Assert.Equal(
            [("big/a/keep.txt", FileChangeKind.Written), ("big/a/old.txt", FileChangeKind.Written), ("big/b/x.txt", FileChangeKind.Deleted),
             ("big/new", FileChangeKind.Created), ("big/new/deep", FileChangeKind.Created), ("big/new/deep/n.txt", FileChangeKind.Created)],
            changes.Select(c => (c.RelativePath, c.Kind)).Order());
        Assert.True(changes.Single(c => c.RelativePath == "big/new").AffectsSubtree);
        Assert.Empty(scanner.Scan(["big"], reportNewFolders: true));
    }

    [Fact]
    public void Scan_FolderWatchedAgain_IsComparedOneLastTimeThenForgotten()
    {
        scanner.Scan(["big/a", "big/b"], reportNewFolders: false);
        Write("big/a/late.txt", "written before its watch existed");

        var changes = scanner.Scan(["big/b"], reportNewFolders: true);

        Assert.Equal([("big/a/late.txt", FileChangeKind.Created)], changes.Select(c => (c.RelativePath, c.Kind)));
        Assert.Equal(["big/b"], scanner.Folders);
        Write("big/a/later.txt", "inotify sees this one");
        Assert.Empty(scanner.Scan(["big/b"], reportNewFolders: true));
    }

    [Fact]
    public void Scan_NewUnwatchedFolderLater_IsSentWhole_AndAGoneFolderIsOneRecursiveDelete()
    {
        scanner.Scan(["big/a"], reportNewFolders: false);

        var first = scanner.Scan(["big/a", "big/b"], reportNewFolders: true);
        Assert.Equal([new FileChange("big/b", FileChangeKind.Rescan, true)], first);

        Directory.Delete(root.Combine("big/a"), recursive: true);
        var gone = Assert.Single(scanner.Scan(["big/a", "big/b"], reportNewFolders: true));
        Assert.Equal((FileChangeKind.Deleted, true), (gone.Kind, gone.AffectsSubtree));
        Assert.Empty(scanner.Scan(["big/a", "big/b"], reportNewFolders: true));
    }

    [Fact]
    public void Scan_NestedFolders_OnlyTheOutermostIsScanned()
    {
        scanner.Scan(["big", "big/a"], reportNewFolders: false);
        Assert.Equal(["big"], scanner.Folders);
    }
}
