using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Rsync;
using static SyncConsole.Engine.Tests.Delivery.DeliveryHarness;

namespace SyncConsole.Engine.Tests.Delivery;

/// <summary>
/// Verify and its repair with sersync's default params (-artuz): a remote copy changed behind the engine's back is
/// seen even where the job's own runs would leave it (-u), and "make identical" replaces it.
/// </summary>
public class VerifyAndMakeIdenticalTests
{
    private static async Task<DeliveryHarness> DeliveredAsync()
    {
        var h = await StartAsync();
        h.Job = h.Job with { RsyncParams = "-artuz" };
        h.Write("kept.txt", "local content");
        h.Write("dir/same.txt", "unchanged");
        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None));
        return h;
    }

    private static string RemoteFile(DeliveryHarness h, string relative) => Path.Combine(h.Daemon.ModulePath, relative);

    [Fact]
    public async Task NewerRemoteFile_IsADifferenceKeptByU_TheJobsFullSyncKeepsIt_MakeIdenticalReplacesIt()
    {
        await using var h = await DeliveredAsync();
        var verifier = new RemoteVerifier(h.Journal, h.Events, h.Limiter, h.Runner);
        Assert.True((await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None)).InSync);

        File.WriteAllText(RemoteFile(h, "kept.txt"), "edited on the remote");
        File.SetLastWriteTimeUtc(RemoteFile(h, "kept.txt"), DateTime.UtcNow.AddHours(1));

        var report = await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None);
        Assert.False(report.InSync);
        var kept = Assert.Single(report.Differences);
        Assert.Equal("kept.txt", kept.Path);
        Assert.Equal(DifferenceKind.SizeDiffers, kept.Kind);
        Assert.Equal("-u", kept.KeptByJobOption);

        // The job's own full sync (the crontab's) keeps the newer remote copy: sersync semantics.
        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None));
        Assert.Equal("edited on the remote", File.ReadAllText(RemoteFile(h, "kept.txt")));

        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None, overwriteNewer: true));
        Assert.Equal("local content", File.ReadAllText(RemoteFile(h, "kept.txt")));
        Assert.True((await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None, deep: true)).InSync);
    }

    [Fact]
    public async Task SameSizeSameTimeChange_IsFoundByDeepVerify_AndReplacedByMakeIdentical()
    {
        await using var h = await DeliveredAsync();
        var verifier = new RemoteVerifier(h.Journal, h.Events, h.Limiter, h.Runner);
        var mtime = File.GetLastWriteTimeUtc(RemoteFile(h, "dir/same.txt"));
        File.WriteAllText(RemoteFile(h, "dir/same.txt"), "UNCHANGED");
        File.SetLastWriteTimeUtc(RemoteFile(h, "dir/same.txt"), mtime);

        // Sizes and times agree: only checksums can tell, so the quick verify cannot, and the deep one must.
        Assert.True((await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None)).InSync);
        var deep = await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None, deep: true);
        Assert.True(deep.Deep);
        var changed = Assert.Single(deep.Differences);
        Assert.Equal(("dir/same.txt", DifferenceKind.ContentDiffers), (changed.Path, changed.Kind));
        Assert.Contains("--checksum", h.Journal.Runs[^1].CommandLine);

        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None, overwriteNewer: true));
        Assert.Equal("unchanged", File.ReadAllText(RemoteFile(h, "dir/same.txt")));
        Assert.True((await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None, deep: true)).InSync);
    }

    [Fact]
    public async Task MakeIdentical_RemovesRemoteOnlyFiles_AndTheJobsRunsReportNothingKeptWithoutSkipOptions()
    {
        await using var h = await DeliveredAsync();
        h.Job = h.Job with { RsyncParams = "-artz" };
        var verifier = new RemoteVerifier(h.Journal, h.Events, h.Limiter, h.Runner);
        File.WriteAllText(RemoteFile(h, "stray.txt"), "only on the remote");
        File.WriteAllText(RemoteFile(h, "kept.txt"), "edited on the remote");
        File.SetLastWriteTimeUtc(RemoteFile(h, "kept.txt"), DateTime.UtcNow.AddHours(1));

        var report = await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None);
        Assert.Equal(2, report.Differences.Count);
        Assert.All(report.Differences, d => Assert.Null(d.KeptByJobOption));

        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None, overwriteNewer: true));
        Assert.False(File.Exists(RemoteFile(h, "stray.txt")));
        Assert.True((await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None)).InSync);
    }
}
