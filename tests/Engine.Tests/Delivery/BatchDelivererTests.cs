using System.Diagnostics;
using System.Text;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;
using static SyncConsole.Engine.Tests.Delivery.DeliveryHarness;

namespace SyncConsole.Engine.Tests.Delivery;

public class BatchDelivererTests
{
    [Fact]
    public async Task DeliverAsync_CreatesModifiesAndAppends_TreesIdentical()
    {
        await using var h = await StartAsync();
        h.Write("a.txt", "one");
        h.Write("dir/sub/b.txt", "two");
        AssertDelivered(await h.DeliverAsync(File_("a.txt"), Tree("dir")));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);

        h.Write("a.txt", "changed content, longer");
        File.AppendAllText(h.Path("dir/sub/b.txt"), " appended");
        h.Write("dir/sub/c.txt", "new");
        var outcome = await h.DeliverAsync(File_("a.txt"), File_("dir/sub/b.txt"), File_("dir/sub/c.txt"));
        AssertDelivered(outcome);
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
        Assert.Single(outcome.Runs); // one rsync run for the whole batch
        Assert.Equal(3, outcome.FilesTransferred);
        Assert.True(outcome.Bytes > 0);
    }

    [Fact]
    public async Task DeliverAsync_SameSizeRewriteWithinTheSameSecond_IsNotSkippedByRsyncsQuickCheck()
    {
        await using var h = await StartAsync();
        var stamp = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
        h.Write("report.csv", "version A");
        File.SetLastWriteTimeUtc(h.Path("report.csv"), stamp.AddMilliseconds(100));
        AssertDelivered(await h.DeliverAsync(File_("report.csv")));

        // Rewritten 400 ms later: same size, same whole second. rsync's default quick check would call it unchanged.
        h.Write("report.csv", "version B");
        File.SetLastWriteTimeUtc(h.Path("report.csv"), stamp.AddMilliseconds(500));
        AssertDelivered(await h.DeliverAsync(File_("report.csv")));

        Assert.Equal("version B", File.ReadAllText(Path.Combine(h.Daemon.ModulePath, "report.csv")));
    }

    [Fact]
    public async Task DeliverAsync_DeletedFilesAndNonEmptyFolders_AreDeletedRemotely()
    {
        await using var h = await StartAsync();
        h.Write("keep.txt", "k");
        h.Write("gone.txt", "g");
        h.Write("tree/deep/er/x.txt", "x");
        h.Write("tree/y.txt", "y");
        h.Write("nested/inner/z.txt", "z");
        AssertDelivered(await h.DeliverAsync(Tree("")));

        File.Delete(h.Path("gone.txt"));
        Directory.Delete(h.Path("tree"), recursive: true);
        Directory.Delete(h.Path("nested/inner"), recursive: true);
        AssertDelivered(await h.DeliverAsync(File_("gone.txt"), Tree("tree"), Tree("nested/inner")));

        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
        Assert.False(Directory.Exists(Path.Combine(h.Daemon.ModulePath, "tree")));
    }

    [Fact]
    public async Task DeliverAsync_FileWhoseFolderIsGoneToo_DeletesTheFolder()
    {
        await using var h = await StartAsync();
        h.Write("a/b/c.txt", "c");
        h.Write("a/keep.txt", "k");
        AssertDelivered(await h.DeliverAsync(Tree("")));
        Directory.Delete(h.Path("a/b"), true);

        var outcome = await h.DeliverAsync(File_("a/b/c.txt"));
        AssertDelivered(outcome);
        Assert.Equal([Tree("a/b")], outcome.Delivered);
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task DeliverAsync_RenamedFileAndFolder_OldGoneNewPresent()
    {
        await using var h = await StartAsync();
        h.Write("old.txt", "file");
        h.Write("olddir/a/b.txt", "b");
        AssertDelivered(await h.DeliverAsync(Tree("")));

        File.Move(h.Path("old.txt"), h.Path("new.txt"));
        Directory.CreateDirectory(h.Path("moved"));
        Directory.Move(h.Path("olddir"), h.Path("moved/newdir"));
        AssertDelivered(await h.DeliverAsync(File_("old.txt"), File_("new.txt"), File_("olddir"), Tree("moved/newdir")));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task DeliverAsync_OddNames_SurviveTheFileList()
    {
        await using var h = await StartAsync();
        string[] names = ["with space.txt", "new\nline.txt", "ünïcødé 日本.txt", "#hash.txt", ";semi.txt", "-dash.txt", "we*rd[1]?.txt", "back\\slash", "dir with space/#inner;x"];
        foreach (var n in names) h.Write(n, "content of " + n);
        AssertDelivered(await h.DeliverAsync(names.Select(n => File_(n)).ToArray()));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);

        foreach (var n in names) File.Delete(h.Path(n));
        AssertDelivered(await h.DeliverAsync(names.Select(n => File_(n)).ToArray()));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
        Assert.False(File.Exists(Path.Combine(h.Daemon.ModulePath, "#hash.txt")));
    }

    [Fact]
    public async Task DeliverAsync_NonUtf8Name_DeliveredThroughRecursiveParent()
    {
        await using var h = await StartAsync();
        Directory.CreateDirectory(h.Path("raw"));
        // .NET strings cannot hold the byte 0xFF as a name; create it with printf in the test only.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var a in new[] { "-c", "printf 'bytes' > \"$1/$(printf 'bad\\377name')\"", "sh", h.Path("raw") }) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!) await p.WaitForExitAsync();

        AssertDelivered(await h.DeliverAsync(Tree("raw")));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
        var remoteNames = Directory.GetFiles(Path.Combine(h.Daemon.ModulePath, "raw"));
        Assert.Single(remoteNames);
    }

    [Fact]
    public async Task DeliverAsync_NonRecursiveFolder_SendsOnlyTheFolderItself_TopLevelAndNested()
    {
        await using var h = await StartAsync();
        h.Write("top/child.txt", "c");
        h.Write("a/b/nested/child.txt", "c");
        h.Write("a/b/nested/listed.txt", "l");
        AssertDelivered(await h.DeliverAsync(File_("top"), File_("a/b/nested"), File_("a/b/nested/listed.txt")));

        Assert.True(Directory.Exists(Path.Combine(h.Daemon.ModulePath, "top")));
        Assert.False(File.Exists(Path.Combine(h.Daemon.ModulePath, "top/child.txt")));
        Assert.False(File.Exists(Path.Combine(h.Daemon.ModulePath, "a/b/nested/child.txt")));
        Assert.True(File.Exists(Path.Combine(h.Daemon.ModulePath, "a/b/nested/listed.txt")));

        // The same folders as recursive entries carry their whole subtree.
        AssertDelivered(await h.DeliverAsync(Tree("top"), Tree("a/b/nested")));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task DeliverAsync_RecreatedFolder_LosesStaleRemoteFiles()
    {
        await using var h = await StartAsync();
        h.Write("d/stale.txt", "old");
        AssertDelivered(await h.DeliverAsync(Tree("d")));
        Directory.Delete(h.Path("d"), true);
        h.Write("d/fresh.txt", "new");
        AssertDelivered(await h.DeliverAsync(Tree("d")));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task DeliverAsync_Symlinks_AreCopiedAsLinks()
    {
        await using var h = await StartAsync();
        h.Write("target.txt", "t");
        File.CreateSymbolicLink(h.Path("link"), "target.txt");
        File.CreateSymbolicLink(h.Path("dangling"), "nowhere");
        AssertDelivered(await h.DeliverAsync(File_("target.txt"), File_("link"), File_("dangling")));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task DeliverAsync_DeleteOff_RemoteKeepsDeletedFiles()
    {
        await using var h = await StartAsync();
        h.Job = h.Job with { DeleteEnabled = false };
        h.Write("f.txt", "f");
        h.Write("d/x.txt", "x");
        AssertDelivered(await h.DeliverAsync(File_("f.txt"), Tree("d")));
        File.Delete(h.Path("f.txt"));
        Directory.Delete(h.Path("d"), true);
        h.Write("new.txt", "n");

        AssertDelivered(await h.DeliverAsync(File_("f.txt"), Tree("d"), File_("new.txt")));
        Assert.True(File.Exists(Path.Combine(h.Daemon.ModulePath, "f.txt")));
        Assert.True(File.Exists(Path.Combine(h.Daemon.ModulePath, "d/x.txt")));
        Assert.True(File.Exists(Path.Combine(h.Daemon.ModulePath, "new.txt")));
    }

    [Fact]
    public async Task DeliverAsync_TwoRemotesAtOnce_BothIdentical()
    {
        await using var h = await StartAsync(maxConcurrent: 2);
        await using var second = await RsyncDaemonFixture.StartNewAsync(moduleName: "second");
        for (var i = 0; i < 20; i++) h.Write($"d{i % 3}/f{i}.txt", new string('x', i * 100));

        var outcomes = await Task.WhenAll(
            h.DeliverAsync(h.Remote, Tree("")),
            h.DeliverAsync(second.Remote(id: 2), Tree("")));
        foreach (var o in outcomes) AssertDelivered(o);
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
        TreeAssert.Identical(h.Source, second.ModulePath);
        Assert.InRange(h.Limiter.Peak, 1, 2);
    }

    [Fact]
    public async Task DeliverAsync_ConcurrencyCapOfOne_NeverRunsTwoAtOnce()
    {
        await using var h = await StartAsync(maxConcurrent: 1);
        await using var second = await RsyncDaemonFixture.StartNewAsync(moduleName: "second");
        h.Write("f.txt", "f");
        var outcomes = await Task.WhenAll(
            h.DeliverAsync(h.Remote, File_("f.txt")),
            h.DeliverAsync(second.Remote(id: 2), File_("f.txt")),
            h.DeliverAsync(h.Remote with { Id = 3 }, File_("f.txt")));
        foreach (var o in outcomes) AssertDelivered(o);
        Assert.Equal(1, h.Limiter.Peak);
    }

    [Fact]
    public async Task DeliverAsync_WrongPassword_Exit5RetriedOnceThenJournaled()
    {
        await using var h = await StartAsync();
        h.Write("f.txt", "f");
        using var sub = h.Events.Subscribe();
        var outcome = await h.DeliverAsync(h.Daemon.Remote(password: "wrong"), File_("f.txt"));

        Assert.False(outcome.Succeeded);
        Assert.Equal(2, outcome.Runs.Count); // first try + the immediate retry
        var failure = Assert.Single(h.Journal.Failures);
        Assert.Equal(RsyncExitCodes.AuthOrStartup, failure.ExitCode);
        Assert.Contains("authentication failed", failure.ExitMeaning);
        Assert.Contains("auth failed", failure.StderrTail);
        Assert.Equal([File_("f.txt")], failure.Paths);
        Assert.Equal(7, failure.JobId);
        Assert.Equal(2, h.Journal.Runs.Count);
        Assert.All(h.Journal.Runs, r => Assert.Equal(5, r.ExitCode));

        var kinds = Drain(sub).Select(e => e.Kind).ToList();
        Assert.Equal([EngineEventKind.RsyncStarted, EngineEventKind.RsyncFailed, EngineEventKind.RsyncStarted, EngineEventKind.RsyncFailed, EngineEventKind.FailLogCreated], kinds);
        Assert.DoesNotContain(h.Events.Recent(), e => (e.Message ?? "").Contains(h.Daemon.Password) || (e.Message ?? "").Contains("wrong "));
    }

    [Fact]
    public async Task DeliverAsync_DaemonDown_FailureRecorded_ThenRedeliveryAfterRestartSucceeds()
    {
        await using var h = await StartAsync();
        h.Write("a.txt", "a");
        h.Write("d/b.txt", "b");
        await h.Daemon.StopAsync();

        var failed = await h.DeliverAsync(File_("a.txt"), Tree("d"));
        Assert.False(failed.Succeeded);
        var failure = Assert.Single(h.Journal.Failures);
        Assert.Equal(RsyncExitCodes.SocketIo, failure.ExitCode);
        Assert.Contains("Connection refused", failure.StderrTail);

        await h.Daemon.StartAsync();
        var redelivered = await h.Deliverer.DeliverAsync(h.Job, h.Remote, failure.Paths, RunKind.Retry, CancellationToken.None);
        AssertDelivered(redelivered);
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
        Assert.Equal(RunKind.Retry, h.Journal.Runs[^1].Kind);
    }

    [Fact]
    public async Task DeliverAsync_PartialTransfer_FailsOnlyTheNamedPaths()
    {
        await using var h = await StartAsync(moduleExclude: "/refused*");
        h.Write("ok.txt", "ok");
        h.Write("refused.txt", "no");
        var outcome = await h.DeliverAsync(File_("ok.txt"), File_("refused.txt"));

        Assert.Equal([File_("refused.txt")], outcome.Failed);
        Assert.Equal([File_("ok.txt")], outcome.Delivered);
        var failure = Assert.Single(h.Journal.Failures);
        Assert.Equal(RsyncExitCodes.Partial, failure.ExitCode);
        Assert.Equal([File_("refused.txt")], failure.Paths);
        // The retry only re-sent the failed path.
        Assert.Equal(2, outcome.Runs.Count);
        Assert.Equal(1, h.Journal.Runs[1].PathCount);
        Assert.True(File.Exists(Path.Combine(h.Daemon.ModulePath, "ok.txt")));
    }

    [Fact]
    public async Task DeliverAsync_ForcedFilteredDelete_DeletesAndSendsInSeparateRuns()
    {
        await using var h = await StartAsync(new DeliveryOptions { ForceFilteredDelete = true });
        h.Write("keep/k.txt", "k");
        h.Write("gone dir/#x*y/z.txt", "z");
        h.Write("gone.txt", "g");
        h.Write("sibling.txt", "s");
        AssertDelivered(await h.DeliverAsync(Tree("")));

        Directory.Delete(h.Path("gone dir/#x*y"), true);
        File.Delete(h.Path("gone.txt"));
        h.Write("keep/new.txt", "n");
        // Something the filtered delete must not touch: a remote-only file outside the deleted paths.
        File.WriteAllText(Path.Combine(h.Daemon.ModulePath, "remote-only.txt"), "r");
        var outcome = await h.DeliverAsync(Tree("gone dir/#x*y"), File_("gone.txt"), File_("keep/new.txt"));

        AssertDelivered(outcome);
        Assert.Equal(2, outcome.Runs.Count);
        Assert.Contains(outcome.Runs, r => r.CommandLine.Contains("--ignore-missing-args"));
        File.Delete(Path.Combine(h.Daemon.ModulePath, "remote-only.txt"));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task DeliverAsync_BrokenDeleteMissingArgs_DetectedFallsBackAndWarns()
    {
        using var bin = new TempDirectory("syncconsole-fakersync");
        // A wrapper that behaves like rsync 3.4.3's broken receiver whenever --delete-missing-args is used.
        var wrapper = bin.Combine("rsync");
        File.WriteAllText(wrapper, """
            #!/bin/sh
            for a in "$@"; do
              if [ "$a" = "--delete-missing-args" ]; then
                echo 'rsync: [receiver] invalid file mode 0 for "gone.txt"' >&2
                echo 'rsync error: error in rsync protocol data stream (code 12) at flist.c(1234) [Receiver=3.4.3]' >&2
                exit 12
              fi
            done
            exec rsync "$@"
            """);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await using var h = await StartAsync(rsyncPath: wrapper);
        h.Write("gone.txt", "g");
        h.Write("stay.txt", "s");
        h.Job = h.Job with { DeleteEnabled = false };
        AssertDelivered(await h.DeliverAsync(Tree("")));
        h.Job = h.Job with { DeleteEnabled = true };
        File.Delete(h.Path("gone.txt"));

        using var sub = h.Events.Subscribe();
        var outcome = await h.DeliverAsync(File_("gone.txt"), File_("stay.txt"));
        AssertDelivered(outcome);
        Assert.Contains("filtered-delete", Assert.Single(outcome.Warnings));
        Assert.True(h.TargetFor(h.Remote).UsesFilteredDelete);
        Assert.Contains(Drain(sub), e => e.Kind == EngineEventKind.DeliveryWarning);
        Assert.Empty(h.Journal.Failures);
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task DeliverAsync_Password_NeverInArgv_AndItsFileIsPrivateAndRemoved()
    {
        await using var h = await StartAsync();
        h.Write("f.txt", "f");
        string? cmdline = null, passwordFile = null;
        UnixFileMode fileMode = 0, dirMode = 0;
        h.Runner.ProcessStarted = pid =>
        {
            cmdline = Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")).Replace('\0', ' ');
            passwordFile = cmdline.Split(' ').Single(a => a.StartsWith("--password-file=", StringComparison.Ordinal))["--password-file=".Length..];
            fileMode = File.GetUnixFileMode(passwordFile);
            dirMode = File.GetUnixFileMode(Path.GetDirectoryName(passwordFile)!);
        };
        var outcome = await h.DeliverAsync(File_("f.txt"));

        AssertDelivered(outcome);
        Assert.NotNull(cmdline);
        Assert.Contains("rsync", cmdline);
        Assert.DoesNotContain(h.Daemon.Password, cmdline);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, fileMode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, dirMode);
        Assert.False(File.Exists(passwordFile));
        Assert.DoesNotContain(h.Daemon.Password, h.Journal.Runs.Single().CommandLine);
        Assert.All(h.Events.Recent(), e => Assert.DoesNotContain(h.Daemon.Password, e.Message ?? ""));
    }

    [Fact]
    public async Task DeliverAsync_PublishesStartedAndFinishedWithBytes()
    {
        await using var h = await StartAsync();
        h.Write("f.txt", new string('z', 5000));
        using var sub = h.Events.Subscribe();
        AssertDelivered(await h.DeliverAsync(File_("f.txt")));
        var events = Drain(sub);
        Assert.Equal([EngineEventKind.RsyncStarted, EngineEventKind.RsyncFinished], events.Select(e => e.Kind));
        var finished = events[1];
        Assert.Equal("f.txt", finished.Path);
        Assert.True(finished.Bytes > 0);
        Assert.NotNull(finished.DurationMs);
        Assert.Equal(h.Journal.Runs.Single().Bytes, finished.Bytes);
        Assert.Contains("--sockopts=TCP_NODELAY", events[0].Message);
    }

    [Fact]
    public async Task DeliverAsync_Cancelled_KillsRunAndKeepsPathsInFailLog()
    {
        await using var h = await StartAsync();
        await File.WriteAllBytesAsync(h.Path("big.bin"), new byte[8 * 1024 * 1024]);
        h.Job = h.Job with { RsyncParams = "-a --whole-file" };
        using var cts = new CancellationTokenSource();
        h.Runner.ProcessStarted = _ => cts.CancelAfter(200);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            h.Deliverer.DeliverAsync(h.Job, h.Remote with { BandwidthLimitKbps = 64 }, [File_("big.bin")], RunKind.Realtime, cts.Token));
        var failure = Assert.Single(h.Journal.Failures);
        Assert.Equal(RsyncExitCodes.Cancelled, failure.ExitCode);
        Assert.Equal([File_("big.bin")], failure.Paths);
        Assert.Equal(0, h.Limiter.Running);
    }

    [Fact]
    public async Task DeliverAsync_ForbiddenUserOption_JournaledWithoutRunning()
    {
        await using var h = await StartAsync();
        h.Job = h.Job with { RsyncParams = "-artuz --rsync-path=evil" };
        var outcome = await h.DeliverAsync(File_("f.txt"));
        Assert.False(outcome.Succeeded);
        Assert.Empty(h.Journal.Runs);
        var failure = Assert.Single(h.Journal.Failures);
        Assert.Equal(RsyncExitCodes.InvalidConfiguration, failure.ExitCode);
        Assert.Contains("--rsync-path", failure.StderrTail);
    }

    private static List<EngineEvent> Drain(EngineEventStream.Subscription sub)
    {
        var list = new List<EngineEvent>();
        while (sub.Reader.TryRead(out var e)) list.Add(e);
        return list;
    }
}
