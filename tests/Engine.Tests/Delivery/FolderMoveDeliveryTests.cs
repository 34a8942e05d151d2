using System.Security.Cryptography;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Delivery;

/// <summary>
/// A folder moved inside the tree, sent with the remote's old copy as basis (real rsync, real daemon, sersync's
/// -artuz): almost no bytes when the old copy is there, an ordinary transfer when it is missing or changed.
/// </summary>
public sealed class FolderMoveDeliveryTests
{
    private const int FileBytes = 400_000;

    [Fact]
    public async Task FolderMove_OldCopyOnRemote_SendsAlmostNothingAndEndsIdentical()
    {
        await using var h = await StartDeliveredAsync();
        Directory.Move(h.Path("sub/a"), h.Path("sub/b"));

        var move = await h.Runner.RunAsync(RsyncCommandBuilder.BuildFolderMove(h.Job, h.Remote, "sub/a", "sub/b"), CancellationToken.None);
        Assert.True(move.Succeeded, move.StderrTail);
        Assert.InRange(move.Stats.BytesSent, 0, 20_000); // 3 x 400 kB of random data would be > 1.2 MB
        DeliveryHarness.AssertDelivered(await h.DeliverAsync(DeliveryHarness.Tree("sub/a")));

        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task FolderMove_OldCopyMissingOnRemote_FallsBackToFullTransfer()
    {
        await using var h = await StartDeliveredAsync();
        Directory.Move(h.Path("sub/a"), h.Path("sub/b"));
        Directory.Delete(Path.Combine(h.Daemon.ModulePath, "sub/a"), recursive: true);

        var move = await h.Runner.RunAsync(RsyncCommandBuilder.BuildFolderMove(h.Job, h.Remote, "sub/a", "sub/b"), CancellationToken.None);
        Assert.True(move.Succeeded, move.StderrTail);
        Assert.True(move.Stats.BytesSent > 3 * FileBytes * 0.9, $"sent {move.Stats.BytesSent}");

        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task FolderMove_OldCopyChangedOnRemote_NewFolderGetsTheLocalContent()
    {
        await using var h = await StartDeliveredAsync();
        Directory.Move(h.Path("sub/a"), h.Path("sub/b"));
        // The lsyncd #371 trap: the remote's old copy diverged (same size and mtime, other bytes).
        var tampered = Path.Combine(h.Daemon.ModulePath, "sub/a/f1");
        var when = File.GetLastWriteTimeUtc(tampered);
        File.WriteAllBytes(tampered, RandomNumberGenerator.GetBytes(FileBytes));
        File.SetLastWriteTimeUtc(tampered, when);

        var move = await h.Runner.RunAsync(RsyncCommandBuilder.BuildFolderMove(h.Job, h.Remote, "sub/a", "sub/b"), CancellationToken.None);
        Assert.True(move.Succeeded, move.StderrTail);
        DeliveryHarness.AssertDelivered(await h.DeliverAsync(DeliveryHarness.Tree("sub/a")));

        Assert.Equal(File.ReadAllBytes(h.Path("sub/b/f1")), File.ReadAllBytes(Path.Combine(h.Daemon.ModulePath, "sub/b/f1")));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    private static async Task<DeliveryHarness> StartDeliveredAsync()
    {
        var h = await DeliveryHarness.StartAsync();
        h.Job = h.Job with { RsyncParams = "-artuz", DeleteEnabled = true };
        foreach (var name in new[] { "sub/a/f1", "sub/a/f2", "sub/a/deep/f3" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(h.Path(name))!);
            File.WriteAllBytes(h.Path(name), RandomNumberGenerator.GetBytes(FileBytes));
        }
        DeliveryHarness.AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, SyncConsole.Engine.Delivery.RunKind.Full, CancellationToken.None));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
        return h;
    }
}
