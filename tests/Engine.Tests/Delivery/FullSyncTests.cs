using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;
using static SyncConsole.Engine.Tests.Delivery.DeliveryHarness;

namespace SyncConsole.Engine.Tests.Delivery;

public class FullSyncTests
{
    [Fact]
    public async Task FullSyncAsync_WithDelete_MirrorsTreeExceptExcludes()
    {
        await using var h = await StartAsync();
        h.Job = h.Job with { FullSyncExcludes = ["*.php", "info/*"] };
        h.Write("index.html", "i");
        h.Write("app.php", "php");
        h.Write("info/x.txt", "x");
        h.Write("deep/er/#odd name.txt", "o");
        Directory.CreateDirectory(Path.Combine(h.Daemon.ModulePath, "stale/sub"));
        File.WriteAllText(Path.Combine(h.Daemon.ModulePath, "stale/sub/s.txt"), "s");
        File.WriteAllText(Path.Combine(h.Daemon.ModulePath, "remote.php"), "excluded, so protected");

        using var sub = h.Events.Subscribe();
        var outcome = await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None);

        AssertDelivered(outcome);
        var module = h.Daemon.ModulePath;
        Assert.True(File.Exists(Path.Combine(module, "index.html")));
        Assert.True(File.Exists(Path.Combine(module, "deep/er/#odd name.txt")));
        Assert.False(File.Exists(Path.Combine(module, "app.php")));
        Assert.False(File.Exists(Path.Combine(module, "info/x.txt")));
        Assert.False(Directory.Exists(Path.Combine(module, "stale")));
        Assert.True(File.Exists(Path.Combine(module, "remote.php")));
        Assert.Equal(RunKind.Full, h.Journal.Runs.Single().Kind);
        Assert.Equal(2, h.Journal.Runs.Single().FilesTransferred); // index.html and the odd name
        var kinds = new List<EngineEventKind>();
        while (sub.Reader.TryRead(out var e)) kinds.Add(e.Kind);
        Assert.Equal([EngineEventKind.FullSyncStarted, EngineEventKind.RsyncStarted, EngineEventKind.RsyncFinished, EngineEventKind.FullSyncFinished], kinds);
    }

    [Fact]
    public async Task FullSyncAsync_WithoutDelete_KeepsRemoteExtras()
    {
        await using var h = await StartAsync();
        h.Job = h.Job with { DeleteEnabled = false };
        h.Write("a.txt", "a");
        File.WriteAllText(Path.Combine(h.Daemon.ModulePath, "extra.txt"), "e");
        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(h.Daemon.ModulePath, "extra.txt")));
        File.Delete(Path.Combine(h.Daemon.ModulePath, "extra.txt"));
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);
    }

    [Fact]
    public async Task FullSyncAsync_DaemonDown_RecordsFullSyncFailure()
    {
        await using var h = await StartAsync();
        h.Write("a.txt", "a");
        await h.Daemon.StopAsync();
        var outcome = await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None);
        Assert.True(outcome.FullSyncFailed);
        Assert.Equal(2, outcome.Runs.Count);
        var failure = Assert.Single(h.Journal.Failures);
        Assert.True(failure.FullSync);
        Assert.Equal(RsyncExitCodes.SocketIo, failure.ExitCode);
    }

    [Fact]
    public async Task VerifyAsync_ReportsMissingChangedAndExtraPaths_AndChangesNothing()
    {
        await using var h = await StartAsync();
        h.Write("same.txt", "same");
        h.Write("grow.txt", "short");
        h.Write("dir/touched.txt", "abc");
        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None));

        var verifier = new RemoteVerifier(h.Journal, h.Events, h.Limiter, h.Runner);
        Assert.True((await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None)).InSync);

        h.Write("new dir/missing.txt", "m");
        h.Write("grow.txt", "much longer now");
        File.SetLastWriteTimeUtc(h.Path("dir/touched.txt"), DateTime.UtcNow.AddHours(1));
        File.WriteAllText(Path.Combine(h.Daemon.ModulePath, "extra.txt"), "e");

        var report = await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None);
        Assert.True(report.Completed);
        var byPath = report.Differences.ToDictionary(d => d.Path, d => d.Kind);
        Assert.Equal(DifferenceKind.MissingOnRemote, byPath["new dir"]);
        Assert.Equal(DifferenceKind.MissingOnRemote, byPath["new dir/missing.txt"]);
        Assert.Equal(DifferenceKind.SizeDiffers, byPath["grow.txt"]);
        Assert.Equal(DifferenceKind.TimeDiffers, byPath["dir/touched.txt"]);
        Assert.Equal(DifferenceKind.ExtraOnRemote, byPath["extra.txt"]);
        Assert.DoesNotContain("same.txt", byPath.Keys);
        Assert.True(File.Exists(Path.Combine(h.Daemon.ModulePath, "extra.txt"))); // dry run
        Assert.False(File.Exists(Path.Combine(h.Daemon.ModulePath, "new dir/missing.txt")));
        Assert.Equal(RunKind.Verify, h.Journal.Runs[^1].Kind);
    }
}
