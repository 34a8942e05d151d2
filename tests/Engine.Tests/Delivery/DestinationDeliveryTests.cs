using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;
using static SyncConsole.Engine.Tests.Delivery.DeliveryHarness;

namespace SyncConsole.Engine.Tests.Delivery;

/// <summary>
/// A job with a destination folder (issue #13), on a real daemon with sersync's -artuz and delete on: every kind of
/// run lands in module/folder, a missing nested folder is created, and what lies beside it in the module (another
/// job's files) is never touched.
/// </summary>
public sealed class DestinationDeliveryTests
{
    private static async Task<DeliveryHarness> StartInFolderAsync()
    {
        var h = await StartAsync();
        h.Job = h.Job with { RsyncParams = "-artuz", DeleteEnabled = true };
        h.Destination = "sites/a";
        // Another job's files beside the folder, and at the root.
        Directory.CreateDirectory(Path.Combine(h.Daemon.ModulePath, "sites/b"));
        File.WriteAllText(Path.Combine(h.Daemon.ModulePath, "sites/b/other.txt"), "job b");
        File.WriteAllText(Path.Combine(h.Daemon.ModulePath, "root.txt"), "root job");
        return h;
    }

    private static void AssertOthersUntouched(DeliveryHarness h)
    {
        Assert.Equal("job b", File.ReadAllText(Path.Combine(h.Daemon.ModulePath, "sites/b/other.txt")));
        Assert.Equal("root job", File.ReadAllText(Path.Combine(h.Daemon.ModulePath, "root.txt")));
        Assert.Equal(["a", "b"], Directory.EnumerateDirectories(Path.Combine(h.Daemon.ModulePath, "sites")).Select(d => Path.GetFileName(d)!).Order().ToArray());
    }

    [Fact]
    public async Task FullSync_Realtime_MoveAndDeletes_LandInTheFolder_AndLeaveTheRestOfTheModule()
    {
        await using var h = await StartInFolderAsync();
        h.Write("index.html", "home");
        h.Write("img/logo.png", "png");

        AssertDelivered(await h.Deliverer.FullSyncAsync(h.TargetFor(h.Remote), RunKind.Full, CancellationToken.None));
        TreeAssert.Identical(h.Source, h.Target);

        h.Write("new/page.html", "new");
        h.Write("index.html", "home v2");
        File.Delete(h.Path("img/logo.png"));
        AssertDelivered(await h.DeliverAsync(Tree("new"), File_("index.html"), File_("img/logo.png")));
        TreeAssert.Identical(h.Source, h.Target);

        Directory.Move(h.Path("new"), h.Path("moved"));
        var move = await h.Runner.RunAsync(RsyncCommandBuilder.BuildFolderMove(h.Job, h.Remote, "new", "moved"), CancellationToken.None);
        Assert.True(move.Succeeded, move.StderrTail);
        AssertDelivered(await h.DeliverAsync(Tree("new")));
        TreeAssert.Identical(h.Source, h.Target);

        AssertOthersUntouched(h);
        Assert.All(h.Journal.Runs, r => Assert.Contains($"::{h.Daemon.ModuleName}/sites/a", r.CommandLine));
    }

    [Fact]
    public async Task Verify_MakeIdentical_AndTheFilteredDeleteFallback_UseTheFolder()
    {
        await using var h = await StartInFolderAsync();
        h.Write("kept.txt", "ours");
        h.Write("gone.txt", "bye");
        var verifier = new RemoteVerifier(h.Journal, h.Events, h.Limiter, h.Runner);
        // Before the first delivery the folder does not exist: everything is missing, nothing fails.
        var before = await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None);
        Assert.True(before.Completed, before.Run.StderrTail);
        Assert.Contains(before.Differences, d => d.Path == "kept.txt" && d.Kind == DifferenceKind.MissingOnRemote);

        AssertDelivered(await h.Deliverer.FullSyncAsync(h.TargetFor(h.Remote), RunKind.Full, CancellationToken.None));
        Assert.True((await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None, deep: true)).InSync);

        File.WriteAllText(Path.Combine(h.Target, "kept.txt"), "defaced");
        File.SetLastWriteTimeUtc(Path.Combine(h.Target, "kept.txt"), DateTime.UtcNow.AddHours(1));
        Assert.Equal("kept.txt", Assert.Single((await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None)).Differences).Path);
        AssertDelivered(await h.Deliverer.FullSyncAsync(h.TargetFor(h.Remote), RunKind.Full, CancellationToken.None, overwriteNewer: true));
        Assert.Equal("ours", File.ReadAllText(Path.Combine(h.Target, "kept.txt")));

        // sersync's filtered-delete method (for rsyncs whose --delete-missing-args is broken) deletes in the folder only.
        File.Delete(h.Path("gone.txt"));
        var delete = await h.Runner.RunAsync(RsyncCommandBuilder.BuildFilteredDelete(h.Job, h.Remote, ["gone.txt"]), CancellationToken.None);
        Assert.True(delete.Succeeded, delete.StderrTail);
        TreeAssert.Identical(h.Source, h.Target);
        AssertOthersUntouched(h);
    }

    [Fact]
    public async Task Target_IsBuiltOnce_WithTheFolderAndCheckedSettings()
    {
        await using var h = await StartInFolderAsync();
        var target = h.TargetFor(h.Remote);
        Assert.Equal("sites/a", target.Destination);
        Assert.Empty(target.Problems);
        Assert.Same(target.Filter, target.Filter);

        var bad = h.Deliverer.TargetFor(h.Job, h.Remote with { Destination = "../escape" });
        Assert.NotEmpty(bad.Problems);
        h.Write("x.txt", "x");
        var refused = await h.Deliverer.DeliverAsync(bad, [File_("x.txt")], RunKind.Realtime, CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Equal(RsyncExitCodes.InvalidConfiguration, Assert.Single(refused.Runs).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(h.Daemon.ModulePath, "..", "escape")));
    }
}
