using System.Buffers.Binary;
using System.Text;
using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Watching;
using SyncConsole.TestSupport;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Watching;

public class InotifyWatcherTests
{
    private static InotifyWatcher Create(string root, ChangeRecorder recorder, SyncEventMask events = SyncEventMask.SersyncDefault, PathFilter? filter = null) =>
        new(root, events, filter ?? new PathFilter(), recorder.OnChange, recorder.OnSignal);

    [Fact]
    public async Task Start_ExistingTree_WatchesEveryDirectoryAndReportsWritesDeepDown()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("a", "b", "c"));
        Directory.CreateDirectory(temp.Combine("d"));
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        await watcher.StartAsync();

        Assert.Equal(5, watcher.WatchCount);
        await File.WriteAllTextAsync(temp.Combine("a", "b", "c", "f.txt"), "x");
        File.Delete(temp.Combine("a", "b", "c", "f.txt"));
        await ChangeRecorder.WaitUntil(() => recorder.Has("a/b/c/f.txt", FileChangeKind.Deleted), "delete of a/b/c/f.txt");
        Assert.True(recorder.Has("a/b/c/f.txt", FileChangeKind.Written));
        Assert.Empty(recorder.Signals);
    }

    [Fact]
    public async Task Burst_10000FilesInto100FreshNestedDirectories_EveryFileReported()
    {
        using var temp = new TempDirectory();
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        await watcher.StartAsync();

        // 10 top-level directories, each with 9 nested levels: 100 fresh directories, 100 files in each,
        // written immediately after the mkdir, i.e. usually before the watcher could add a watch.
        var expected = new List<string>();
        for (var top = 0; top < 10; top++)
        {
            var relative = $"t{top}";
            for (var depth = 0; depth < 10; depth++)
            {
                if (depth > 0) relative += $"/n{depth}";
                Directory.CreateDirectory(Path.Combine(temp.Path, relative));
                for (var f = 0; f < 100; f++)
                {
                    var file = $"{relative}/f{f}.dat";
                    File.WriteAllBytes(Path.Combine(temp.Path, file), [1, 2, 3]);
                    expected.Add(file);
                }
            }
        }

        var missing = expected.ToHashSet();
        await ChangeRecorder.WaitUntil(() =>
        {
            foreach (var c in recorder.Changes) missing.Remove(c.RelativePath);
            return missing.Count == 0;
        }, "all 10 000 files reported", timeoutSeconds: 60);
        Assert.Equal(101, watcher.WatchCount);
        Assert.DoesNotContain(recorder.Signals, s => s.Kind == WatcherSignalKind.Overflow);
    }

    [Fact]
    public async Task CreateDirectory_ThenWriteBeforeWatchCouldExist_FileStillReported()
    {
        using var temp = new TempDirectory();
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        await watcher.StartAsync();

        // mkdir -p plus write in one go: the nested directories exist before any IN_CREATE is read.
        Directory.CreateDirectory(temp.Combine("x", "y", "z"));
        await File.WriteAllTextAsync(temp.Combine("x", "y", "z", "early.txt"), "e");
        await ChangeRecorder.WaitUntil(() => recorder.Changes.Any(c => c.RelativePath == "x/y/z/early.txt"), "x/y/z/early.txt");
        await ChangeRecorder.WaitUntil(() => watcher.WatchCount == 4, "watches on x, x/y, x/y/z");

        await File.WriteAllTextAsync(temp.Combine("x", "y", "z", "late.txt"), "l");
        await ChangeRecorder.WaitUntil(() => recorder.Has("x/y/z/late.txt", FileChangeKind.Written), "x/y/z/late.txt");
        Assert.Contains(new FileChange("x", FileChangeKind.Created, true), recorder.Changes);
    }

    [Fact]
    public async Task RenameDirectory_Holding1000Files_OldPathGoneNewSubtreeNewAndWatchesFollow()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("old", "inner"));
        for (var i = 0; i < 1000; i++) File.WriteAllText(temp.Combine("old", $"f{i}.txt"), "x");
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        await watcher.StartAsync();

        Directory.Move(temp.Combine("old"), temp.Combine("new"));
        await ChangeRecorder.WaitUntil(() => recorder.Has("new", FileChangeKind.MovedTo), "new moved to");
        Assert.Contains(new FileChange("old", FileChangeKind.MovedFrom, true) { PartnerFollows = true }, recorder.Changes);
        Assert.True(new FileChange("new", FileChangeKind.MovedTo, true).AffectsSubtree);
        Assert.Contains(new FileChange("new", FileChangeKind.MovedTo, true) { MovedFrom = "old" }, recorder.Changes);
        // The old path is reported right before the new one, so both reach the coalescer's same batch.
        var order = recorder.Changes.ToList();
        Assert.Equal(order.FindIndex(c => c.RelativePath == "old") + 1, order.FindIndex(c => c.RelativePath == "new"));
        Assert.Equal(3, watcher.WatchCount); // no watch added or lost: they moved with the inodes

        // Paths beneath the renamed directory are the new ones, also in a nested watch.
        await File.WriteAllTextAsync(temp.Combine("new", "inner", "after.txt"), "a");
        await ChangeRecorder.WaitUntil(() => recorder.Has("new/inner/after.txt", FileChangeKind.Written), "new/inner/after.txt");
        Assert.DoesNotContain(recorder.Changes, c => c.RelativePath.StartsWith("old/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MoveOut_DirectoryLeavesTree_ReportedAsGoneAndNoLongerWatched()
    {
        using var temp = new TempDirectory();
        using var outside = new TempDirectory("syncconsole-outside");
        Directory.CreateDirectory(temp.Combine("w", "sub"));
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        await watcher.StartAsync();

        Directory.Move(temp.Combine("w"), Path.Combine(outside.Path, "w"));
        await ChangeRecorder.WaitUntil(() => recorder.Has("w", FileChangeKind.MovedFrom), "w moved out");
        await ChangeRecorder.WaitUntil(() => watcher.WatchCount == 1, "watches of w removed");

        await File.WriteAllTextAsync(Path.Combine(outside.Path, "w", "sub", "elsewhere.txt"), "x");
        await recorder.Flush(temp.Path);
        Assert.DoesNotContain(recorder.Changes, c => c.RelativePath.Contains("elsewhere"));
        Assert.True(new FileChange("w", FileChangeKind.MovedFrom, true).ToChangedPath().Recursive);
    }

    [Fact]
    public async Task MoveIn_TreeFromOutside_ReportedAsNewSubtreeAndWatched()
    {
        using var temp = new TempDirectory();
        using var outside = new TempDirectory("syncconsole-outside");
        Directory.CreateDirectory(Path.Combine(outside.Path, "in", "deep", "deeper"));
        File.WriteAllText(Path.Combine(outside.Path, "in", "deep", "old.txt"), "o");
        File.WriteAllText(Path.Combine(outside.Path, "loose.txt"), "l");
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        await watcher.StartAsync();

        Directory.Move(Path.Combine(outside.Path, "in"), temp.Combine("in"));
        File.Move(Path.Combine(outside.Path, "loose.txt"), temp.Combine("loose.txt"));
        await ChangeRecorder.WaitUntil(() => recorder.Has("in", FileChangeKind.MovedTo) && recorder.Has("loose.txt", FileChangeKind.MovedTo), "moved in");
        Assert.True(recorder.Changes.Single(c => c.RelativePath == "in").AffectsSubtree);
        Assert.Equal(4, watcher.WatchCount);

        await File.WriteAllTextAsync(temp.Combine("in", "deep", "deeper", "new.txt"), "n");
        await ChangeRecorder.WaitUntil(() => recorder.Has("in/deep/deeper/new.txt", FileChangeKind.Written), "write in moved-in tree");
    }

    [Fact]
    public async Task RenameFile_InsideTreeAndOutAndIn_ReportsBothNamesAsPlainPaths()
    {
        using var temp = new TempDirectory();
        using var outside = new TempDirectory("syncconsole-outside");
        Directory.CreateDirectory(temp.Combine("d"));
        File.WriteAllText(temp.Combine("a.txt"), "a");
        File.WriteAllText(temp.Combine("out.txt"), "o");
        File.WriteAllText(Path.Combine(outside.Path, "in.txt"), "i");
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        await watcher.StartAsync();

        File.Move(temp.Combine("a.txt"), temp.Combine("d", "b.txt"));
        File.Move(temp.Combine("out.txt"), Path.Combine(outside.Path, "out.txt"));
        File.Move(Path.Combine(outside.Path, "in.txt"), temp.Combine("d", "in.txt"));
        await ChangeRecorder.WaitUntil(() => recorder.Has("d/in.txt", FileChangeKind.MovedTo), "d/in.txt moved in");
        // A move out is known only once no MOVED_TO followed (one more read, or 50 ms of quiet).
        await ChangeRecorder.WaitUntil(() => recorder.Has("out.txt", FileChangeKind.MovedFrom), "out.txt moved out");

        Assert.Contains(new FileChange("a.txt", FileChangeKind.MovedFrom, false) { PartnerFollows = true }, recorder.Changes);
        // A rename inside the tree names its old path (paired by cookie); a move in from outside does not.
        Assert.Contains(new FileChange("d/b.txt", FileChangeKind.MovedTo, false) { MovedFrom = "a.txt" }, recorder.Changes);
        Assert.Contains(new FileChange("d/in.txt", FileChangeKind.MovedTo, false), recorder.Changes);
        Assert.Contains(new FileChange("out.txt", FileChangeKind.MovedFrom, false), recorder.Changes);
        Assert.All(recorder.Changes, c => Assert.False(c.ToChangedPath().Recursive));
        Assert.Equal(2, watcher.WatchCount);
    }

    [Fact]
    public async Task RenameDirectory_ToExcludedName_WatchesRemovedAndNewNameNotReported()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("work", "sub"));
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder, filter: new PathFilter([@"(.*)\.bak"]));
        await watcher.StartAsync();
        Assert.Equal(3, watcher.WatchCount);

        Directory.Move(temp.Combine("work"), temp.Combine("work.bak"));
        await ChangeRecorder.WaitUntil(() => watcher.WatchCount == 1, "watches of the excluded directory removed");
        await File.WriteAllTextAsync(temp.Combine("work.bak", "sub", "f.txt"), "f");
        await recorder.Flush(temp.Path);

        Assert.Contains(new FileChange("work", FileChangeKind.MovedFrom, true), recorder.Changes);
        Assert.DoesNotContain(recorder.Changes, c => c.RelativePath.StartsWith("work.bak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExcludedDirectory_ExistingAndCreatedLater_GetsNoWatchAndNoEvents()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("info", "x"));
        Directory.CreateDirectory(temp.Combine("keep"));
        var recorder = new ChangeRecorder();
        var filter = new PathFilter([@"^info/*", @"(.*)\.svn"]);
        await using var watcher = Create(temp.Path, recorder, filter: filter);
        await watcher.StartAsync();
        Assert.Equal(2, watcher.WatchCount); // root and keep

        Directory.CreateDirectory(temp.Combine("keep", ".svn"));
        await File.WriteAllTextAsync(temp.Combine("keep", ".svn", "entries"), "e");
        await File.WriteAllTextAsync(temp.Combine("info", "x", "f.txt"), "f");
        await File.WriteAllTextAsync(temp.Combine("keep", "k.txt"), "k");
        await recorder.Flush(temp.Path);
        await ChangeRecorder.WaitUntil(() => recorder.Has("keep/k.txt", FileChangeKind.Written), "keep/k.txt");

        Assert.Equal(2, watcher.WatchCount);
        Assert.DoesNotContain(recorder.Changes, c => c.RelativePath.StartsWith("info", StringComparison.Ordinal) || c.RelativePath.Contains(".svn"));
    }

    [Fact]
    public async Task TempFiles_DotTildeAndVimProbe_IgnoredUnlessOptionOff()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("d"));
        var ignoring = new ChangeRecorder();
        var keeping = new ChangeRecorder();
        await using var w1 = Create(temp.Path, ignoring, filter: new PathFilter(ignoreTempFiles: true));
        await using var w2 = Create(temp.Path, keeping, filter: new PathFilter(ignoreTempFiles: false));
        await w1.StartAsync();
        await w2.StartAsync();

        foreach (var name in new[] { ".swp", "notes.txt~", "4913", "real.txt" })
            await File.WriteAllTextAsync(temp.Combine("d", name), "t");
        Directory.CreateDirectory(temp.Combine(".hidden-dir")); // dot-directories are not temp files
        await ignoring.Flush(temp.Path);
        await ChangeRecorder.WaitUntil(() => keeping.Has("d/4913", FileChangeKind.Written), "unfiltered 4913");

        Assert.True(ignoring.Has("d/real.txt", FileChangeKind.Written));
        Assert.True(ignoring.Has(".hidden-dir", FileChangeKind.Created));
        Assert.DoesNotContain(ignoring.Changes, c => c.RelativePath is "d/.swp" or "d/notes.txt~" or "d/4913");
        Assert.True(keeping.Has("d/.swp", FileChangeKind.Written));
        Assert.True(keeping.Has("d/notes.txt~", FileChangeKind.Written));
    }

    [Fact]
    public async Task EventMask_SersyncDefault_NoAttribOrModifyButAllWithEverything()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("f.txt");
        File.WriteAllText(file, "x");
        var defaults = new ChangeRecorder();
        var all = new ChangeRecorder();
        await using var w1 = Create(temp.Path, defaults, SyncEventMask.SersyncDefault);
        await using var w2 = Create(temp.Path, all, SyncEventMask.All);
        await w1.StartAsync();
        await w2.StartAsync();

        File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await File.AppendAllTextAsync(file, "y");
        await File.WriteAllTextAsync(temp.Combine("g.txt"), "g");
        await defaults.Flush(temp.Path);
        await ChangeRecorder.WaitUntil(() => all.Has("g.txt", FileChangeKind.Created) && all.Has("f.txt", FileChangeKind.Attrib)
            && all.Has("f.txt", FileChangeKind.Modified), "all events");

        Assert.DoesNotContain(defaults.Changes, c => c.Kind is FileChangeKind.Attrib or FileChangeKind.Modified);
        Assert.False(defaults.Has("g.txt", FileChangeKind.Created)); // createFile is off by default
        Assert.True(defaults.Has("g.txt", FileChangeKind.Written));
    }

    [Fact]
    public async Task CreateFolder_OffInMask_NewFoldersStillWatched()
    {
        using var temp = new TempDirectory();
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder, SyncEventMask.CloseWrite);
        await watcher.StartAsync();

        Directory.CreateDirectory(temp.Combine("n"));
        await ChangeRecorder.WaitUntil(() => watcher.WatchCount == 2, "watch on n");
        await File.WriteAllTextAsync(temp.Combine("n", "f"), "f");
        await ChangeRecorder.WaitUntil(() => recorder.Has("n/f", FileChangeKind.Written), "n/f");
    }

    [Fact]
    public async Task NonUtf8FileName_ReportsParentAsRescan()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("dir"));
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        await watcher.StartAsync();

        // Latin-1 "café" (0xE9 alone is invalid UTF-8), created through the raw bytes so .NET cannot re-encode it.
        var rawPath = Encoding.UTF8.GetBytes(temp.Combine("dir") + "/caf").Append((byte)0xE9).Append((byte)0).ToArray();
        CreateFileWithRawName(rawPath);
        try
        {
            await ChangeRecorder.WaitUntil(() => recorder.Has("dir", FileChangeKind.Rescan), "rescan of dir");
        }
        finally
        {
            UnlinkRaw(rawPath); // .NET cannot name it, so TempDirectory could not delete it either
        }
        var rescan = recorder.Changes.First(c => c.Kind == FileChangeKind.Rescan);
        Assert.True(rescan.ToChangedPath().Recursive);
        Assert.DoesNotContain(recorder.Changes, c => c.RelativePath.Contains('\uFFFD'));
    }

    [Fact]
    public async Task Overflow_InjectedEvent_SignalsFullSyncAndRewatchesMissedDirectories()
    {
        using var temp = new TempDirectory();
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        await watcher.StartAsync();

        // A directory whose IN_CREATE was "lost" in the overflow: created while watches are faulted away.
        watcher.AddWatchFault = path => path.EndsWith("/lost", StringComparison.Ordinal) ? InotifyNative.ENOENT : 0;
        Directory.CreateDirectory(temp.Combine("lost"));
        await ChangeRecorder.WaitUntil(() => recorder.Has("lost", FileChangeKind.Created), "lost created");
        Assert.Equal(1, watcher.WatchCount);
        watcher.AddWatchFault = null;

        watcher.InjectRawEvents(RawInotifyEvent.Build(-1, InotifyNative.IN_Q_OVERFLOW));
        await ChangeRecorder.WaitUntil(() => recorder.Signals.Any(s => s.Kind == WatcherSignalKind.Overflow), "overflow signal");
        var signal = recorder.Signals.Single(s => s.Kind == WatcherSignalKind.Overflow);
        Assert.True(signal.FullSyncNeeded);
        Assert.Contains("IN_Q_OVERFLOW", signal.Message);

        await ChangeRecorder.WaitUntil(() => watcher.WatchCount == 2, "re-walk watched lost/");
        await File.WriteAllTextAsync(temp.Combine("lost", "found.txt"), "f");
        await ChangeRecorder.WaitUntil(() => recorder.Has("lost/found.txt", FileChangeKind.Written), "lost/found.txt");
    }

    [Fact]
    public async Task WatchLimit_Enospc_ClearSignalWithLimitAndNeedAndKeepsWatchingTheRest()
    {
        using var temp = new TempDirectory();
        for (var i = 0; i < 3; i++) Directory.CreateDirectory(temp.Combine("big", $"s{i}"));
        Directory.CreateDirectory(temp.Combine("ok"));
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        watcher.AddWatchFault = path => path.Contains("/big", StringComparison.Ordinal) ? InotifyNative.ENOSPC : 0;
        await watcher.StartAsync();

        var signal = Assert.Single(recorder.Signals, s => s.Kind == WatcherSignalKind.WatchLimitReached);
        Assert.True(signal.FullSyncNeeded);
        Assert.Contains("fs.inotify.max_user_watches", signal.Message);
        var limit = long.Parse(File.ReadAllText("/proc/sys/fs/inotify/max_user_watches").Trim());
        Assert.Equal(limit, signal.WatchLimit);
        Assert.Contains(limit.ToString(), signal.Message);
        Assert.Equal(6, signal.WatchesNeeded); // root, ok, big, big/s0..s2
        Assert.Contains("needs 6 watches", signal.Message);

        Directory.CreateDirectory(temp.Combine("big2")); // fails again: still only one signal
        await File.WriteAllTextAsync(temp.Combine("ok", "f.txt"), "f");
        await ChangeRecorder.WaitUntil(() => recorder.Has("ok/f.txt", FileChangeKind.Written), "ok/f.txt");
        Assert.Single(recorder.Signals, s => s.Kind == WatcherSignalKind.WatchLimitReached);
        Assert.False(watcher.Completion.IsCompleted);
    }

    [Fact]
    public async Task Rewatch_AfterWatchLimitLifted_WatchesMissingDirectoriesAndSignalsRestored()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("big", "s"));
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        watcher.AddWatchFault = path => path.Contains("/big", StringComparison.Ordinal) ? InotifyNative.ENOSPC : 0;
        await watcher.StartAsync();
        Assert.Equal(1, watcher.WatchCount);

        watcher.AddWatchFault = null; // the admin raised the limit
        watcher.Rewatch();
        await ChangeRecorder.WaitUntil(() => recorder.Signals.Any(s => s.Kind == WatcherSignalKind.WatchesRestored), "restored signal");
        Assert.Equal(3, watcher.WatchCount);
        Assert.False(recorder.Signals.Last().FullSyncNeeded);

        await File.WriteAllTextAsync(temp.Combine("big", "s", "f.txt"), "f");
        await ChangeRecorder.WaitUntil(() => recorder.Has("big/s/f.txt", FileChangeKind.Written), "big/s/f.txt");
    }

    [Fact]
    public async Task RootDeleted_SignalsRootGoneAndStops()
    {
        var temp = new TempDirectory();
        var recorder = new ChangeRecorder();
        await using var watcher = Create(temp.Path, recorder);
        await watcher.StartAsync();

        temp.Dispose();
        await watcher.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains(recorder.Signals, s => s.Kind == WatcherSignalKind.RootGone);
    }

    [Fact]
    public async Task Start_MissingRoot_FailsWithClearMessage()
    {
        var recorder = new ChangeRecorder();
        await using var watcher = Create("/nonexistent/syncconsole-" + Guid.NewGuid().ToString("N"), recorder);
        var ex = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => watcher.StartAsync());
        Assert.Contains("does not exist", ex.Message);
    }

    private static unsafe void UnlinkRaw(byte[] terminatedPath)
    {
        fixed (byte* p = terminatedPath) RawFile.Unlink(p);
    }

    private static unsafe void CreateFileWithRawName(byte[] terminatedPath)
    {
        fixed (byte* p = terminatedPath)
        {
            var fd = RawFile.Open(p, 0x41 /* O_WRONLY|O_CREAT */, 0x1A4);
            Assert.True(fd >= 0, "open with a raw non-UTF-8 name failed");
            InotifyNative.Close(fd);
        }
    }
}
