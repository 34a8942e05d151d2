using System.Diagnostics;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Delivery.Guard;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.TestSupport;
using Xunit.Abstractions;
using static SyncConsole.Engine.Tests.Delivery.DeliveryHarness;

namespace SyncConsole.Engine.Tests.Delivery.Guard;

/// <summary>The deletion guard on real full syncs and realtime deletes against a real daemon (sersync's -artuz, delete on).</summary>
public class DeletionGuardDeliveryTests(ITestOutputHelper output)
{
    private static void WriteTree(DeliveryHarness h, int files, string folder = "")
    {
        for (var i = 0; i < files; i++) h.Write(Path.Combine(folder, $"f{i:D4}.txt"), "content " + i);
    }

    private static int RemoteEntries(DeliveryHarness h) => Directory.EnumerateFileSystemEntries(h.Daemon.ModulePath, "*", SearchOption.AllDirectories).Count();

    private static async Task<DeliveryOutcome> FullSync(DeliveryHarness h, bool guarded = true) =>
        await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None, guarded: guarded);

    [Fact]
    public async Task EmptiedWatchFolder_FullSyncIsHeld_RemoteUntouched_ThenConfirmedRunMakesItIdentical()
    {
        await using var h = await StartAsync();
        WriteTree(h, 120, "site");
        AssertDelivered(await FullSync(h));
        Assert.Equal(121, RemoteEntries(h));

        Directory.Delete(h.Path("site"), recursive: true); // a script emptied the folder
        using var sub = h.Events.Subscribe();
        var held = await FullSync(h);

        Assert.NotNull(held.Held);
        Assert.False(held.Succeeded);
        Assert.Equal(121, held.Held.WouldDelete);
        Assert.Equal(121, held.Held.RemoteEntries);
        Assert.Contains("the watch folder is empty", held.Held.Reasons);
        Assert.Equal(121, RemoteEntries(h)); // nothing deleted
        Assert.Empty(h.Journal.Failures); // held is not a failure to retry
        var events = new List<EngineEvent>();
        while (sub.Reader.TryRead(out var e)) events.Add(e);
        var heldEvent = Assert.Single(events, e => e.Kind == EngineEventKind.DeletionHeld);
        Assert.Contains("would delete 121 of 121 remote entries", heldEvent.Message);
        Assert.DoesNotContain(events, e => e.Kind is EngineEventKind.RsyncStarted or EngineEventKind.FullSyncFinished);

        AssertDelivered(await FullSync(h, guarded: false));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task LargeDeleteBelowTheShare_GoesThrough_WithMaxDeleteAsBackstop()
    {
        await using var h = await StartAsync();
        WriteTree(h, 300);
        AssertDelivered(await FullSync(h));
        for (var i = 0; i < 140; i++) File.Delete(h.Path($"f{i:D4}.txt")); // 140 of 300: 46 %

        var outcome = await FullSync(h);

        AssertDelivered(outcome);
        Assert.True(outcome.GuardPassed);
        Assert.Contains("--max-delete=150", outcome.Runs.Single().CommandLine); // half of the 300 on the remote
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task ShareAboveTheThreshold_IsHeld()
    {
        await using var h = await StartAsync();
        WriteTree(h, 300);
        AssertDelivered(await FullSync(h));
        for (var i = 0; i < 200; i++) File.Delete(h.Path($"f{i:D4}.txt"));

        var outcome = await FullSync(h);

        Assert.NotNull(outcome.Held);
        Assert.Equal(200, outcome.Held.WouldDelete);
        Assert.Equal(300, outcome.Held.RemoteEntries);
        Assert.Contains("that is 66 % of the remote, more than the job's limit of 50 %", Assert.Single(outcome.Held.Reasons));
        Assert.Equal(300, RemoteEntries(h));
    }

    [Fact]
    public async Task MakeIdentical_IsGuardedToo()
    {
        await using var h = await StartAsync();
        WriteTree(h, 10);
        AssertDelivered(await FullSync(h));
        foreach (var f in Directory.GetFiles(h.Source)) File.Delete(f);

        var outcome = await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None, overwriteNewer: true);

        Assert.NotNull(outcome.Held);
        Assert.Equal(10, RemoteEntries(h));
    }

    [Fact]
    public async Task GuardOff_EmptiedFolder_DeletesEverything()
    {
        await using var h = await StartAsync();
        WriteTree(h, 120);
        AssertDelivered(await FullSync(h));
        foreach (var f in Directory.GetFiles(h.Source)) File.Delete(f);
        h.Job = h.Job with { DeletionGuard = new DeletionGuardSettings { Enabled = false } };

        AssertDelivered(await FullSync(h));
        Assert.Equal(0, RemoteEntries(h));
    }

    [Fact]
    public async Task RealtimeBurst_ThatEmptiesTheFolder_IsHeld_ButExactDeletesGo()
    {
        await using var h = await StartAsync();
        WriteTree(h, 5, "a");
        WriteTree(h, 5, "b");
        h.Write("keep.txt", "k");
        AssertDelivered(await FullSync(h));

        // An exact delete while the folder still has content: delivered at once.
        Directory.Delete(h.Path("a"), recursive: true);
        AssertDelivered(await h.DeliverAsync(Tree("a")));
        Assert.False(Directory.Exists(Path.Combine(h.Daemon.ModulePath, "a")));

        // The rest of the tree goes: the burst's deletes are held (the whole remote would go).
        Directory.Delete(h.Path("b"), recursive: true);
        File.Delete(h.Path("keep.txt"));
        var outcome = await h.DeliverAsync(Tree("b"), File_("keep.txt"));

        Assert.NotNull(outcome.Held);
        Assert.Contains("the watch folder is empty", outcome.Held.Reasons);
        Assert.True(File.Exists(Path.Combine(h.Daemon.ModulePath, "keep.txt")));
        Assert.Equal(5, Directory.GetFiles(Path.Combine(h.Daemon.ModulePath, "b")).Length);

        // The same deletes retried from the fail log (they failed while the remote was down) are held too.
        var retried = await h.Deliverer.DeliverAsync(h.Job, h.Remote, [Tree("b"), File_("keep.txt")], RunKind.Retry, CancellationToken.None);
        Assert.NotNull(retried.Held);
        Assert.True(File.Exists(Path.Combine(h.Daemon.ModulePath, "keep.txt")));
    }

    [SkippableFact]
    public async Task WatchFolderOnAnotherFileSystem_FullSyncIsHeld_ThenConfirmedRunMakesItIdentical()
    {
        await using var h = await StartAsync();
        WriteTree(h, 50);
        AssertDelivered(await FullSync(h)); // the healthy file system is remembered
        var before = WatchFolderDevice.Identify(h.Source);
        Assert.NotNull(before);

        var mounted = await TmpfsMount.MountAsync(h.Source);
        Skip.If(mounted is not null, $"cannot mount a tmpfs over the watch folder here ({mounted}): the device-change case is not tested");
        try
        {
            // Another disk at the same place, with one file: not empty, 50 deletes is below the minimum of 100.
            h.Write("other-disk.txt", "o");
            var now = WatchFolderDevice.Identify(h.Source);
            output.WriteLine($"before: {before}; after mount: {now}");
            Assert.NotEqual(before, now);

            var outcome = await FullSync(h);

            Assert.NotNull(outcome.Held);
            Assert.Contains("another file system", Assert.Single(outcome.Held.Reasons));
            Assert.Equal(50, RemoteEntries(h)); // untouched, and nothing sent either

            AssertDelivered(await FullSync(h, guarded: false));
            TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
            // That file system is the healthy one now: the next full sync is not held.
            Assert.Null((await FullSync(h)).Held);
        }
        finally
        {
            await TmpfsMount.UnmountAsync(h.Source);
        }
    }
}
