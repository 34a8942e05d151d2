using System.Security.Cryptography;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Paths;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Delivery;

/// <summary>
/// Renames inside the tree (a batch as the coalescer hands it out: the old path, and the new one naming it) delivered
/// by the deliverer to a real rsync daemon and a real sshd with sersync's <c>-artuz</c>: the new path is built from the
/// remote's old copy, so (almost) no file data is sent; a missing or changed old copy is an ordinary transfer.
/// </summary>
public sealed class MoveDeliveryTests : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private readonly TempDirectory source = new("syncconsole-src");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly RsyncConcurrencyLimiter limiter = new(2);
    private RsyncDaemonFixture daemon = null!;
    private SshServerFixture ssh = null!;
    private BatchDeliverer deliverer = null!;

    public async Task InitializeAsync()
    {
        daemon = await RsyncDaemonFixture.StartNewAsync();
        ssh = await SshServerFixture.StartNewAsync();
        deliverer = TestEngine.Deliverer(journal, events, limiter);
    }

    public async Task DisposeAsync()
    {
        await daemon.DisposeAsync();
        await ssh.DisposeAsync();
        limiter.Dispose();
        source.Dispose();
    }

    private JobDefinition Job(string rsyncParams = "-artuz") =>
        new() { Id = 7, Name = "moves", WatchPath = source.Path, RsyncParams = rsyncParams, DeleteEnabled = true };

    private (RemoteDefinition Remote, string Target) Endpoint(string transport, string destination = "") => transport switch
    {
        "daemon" => (daemon.Remote() with { Destination = destination }, Path.Combine(daemon.ModulePath, destination)),
        _ => (ssh.Remote() with { Destination = destination }, Path.Combine(ssh.TargetPath, destination)),
    };

    private static ChangedPath Tree(string p) => new(p, true);
    private static ChangedPath File_(string p) => new(p, false);

    [Theory]
    [InlineData("daemon", "")]
    [InlineData("ssh", "")]
    [InlineData("daemon", "site/copy")]
    [InlineData("ssh", "site/copy")]
    public async Task RenamedFolder_FileMovedToAnotherFolder_FileRenamed_SendLessThan5PercentAndEndIdentical(string transport, string destination)
    {
        var (remote, target) = Endpoint(transport, destination);
        var job = Job();
        for (var i = 0; i < 20; i++) WriteRandom($"photos/2024/img{i:00}.jpg", MiB);
        WriteRandom("photos/2024/raw/deep.cr2", MiB);
        WriteRandom("inbox/big.bin", 5 * MiB);
        WriteRandom("docs/report.pdf", 2 * MiB);
        Directory.CreateDirectory(Path.Combine(source.Path, "archive"));
        await FullSyncAsync(job, remote, target);

        Directory.Move(Src("photos/2024"), Src("photos/2024-trip"));
        File.Move(Src("inbox/big.bin"), Src("archive/big.bin"));
        File.Move(Src("docs/report.pdf"), Src("docs/report-final.pdf"));
        var outcome = await deliverer.DeliverAsync(job, remote,
        [
            Tree("photos/2024"), Tree("photos/2024-trip") with { MovedFrom = "photos/2024" },
            File_("inbox/big.bin"), File_("archive/big.bin") with { MovedFrom = "inbox/big.bin" },
            File_("docs/report.pdf"), File_("docs/report-final.pdf") with { MovedFrom = "docs/report.pdf" },
        ], RunKind.Realtime, CancellationToken.None);

        DeliveryHarness.AssertDelivered(outcome);
        const long moved = 21L * MiB + 5 * MiB + 2 * MiB;
        Assert.True(outcome.Bytes < moved / 20, $"sent {outcome.Bytes} bytes for {moved} moved, over {outcome.Runs.Count} runs");
        TreeAssert.Identical(source.Path, target);
        Assert.False(Directory.Exists(Path.Combine(target, "photos/2024")));
        Assert.False(File.Exists(Path.Combine(target, "inbox/big.bin")));
        Assert.False(File.Exists(Path.Combine(target, "docs/report.pdf")));
        // Linked from the old copy, which is gone now: no second name is left sharing the data.
        Assert.Equal(1, LinkCount(Path.Combine(target, "archive/big.bin")));
    }

    [Theory]
    [InlineData("daemon")]
    [InlineData("ssh")]
    public async Task OldCopyMissingOnTheRemote_OrdinaryTransfer_EndsIdentical(string transport)
    {
        var (remote, target) = Endpoint(transport);
        var job = Job();
        for (var i = 0; i < 4; i++) WriteRandom($"a/f{i}", MiB);
        WriteRandom("loose.bin", MiB);
        Directory.CreateDirectory(Src("b"));
        await FullSyncAsync(job, remote, target);
        Directory.Delete(Path.Combine(target, "a"), recursive: true);
        File.Delete(Path.Combine(target, "loose.bin"));

        Directory.Move(Src("a"), Src("a2"));
        File.Move(Src("loose.bin"), Src("b/loose.bin"));
        var outcome = await deliverer.DeliverAsync(job, remote,
            [Tree("a"), Tree("a2") with { MovedFrom = "a" }, File_("loose.bin"), File_("b/loose.bin") with { MovedFrom = "loose.bin" }],
            RunKind.Realtime, CancellationToken.None);

        DeliveryHarness.AssertDelivered(outcome);
        Assert.True(outcome.Bytes > 5 * MiB * 0.95, $"sent {outcome.Bytes}");
        TreeAssert.Identical(source.Path, target);
    }

    [Theory]
    [InlineData("daemon")]
    [InlineData("ssh")]
    public async Task OldCopyChangedOnTheRemote_SameSizeAndTime_NewPathGetsTheLocalBytes(string transport)
    {
        var (remote, target) = Endpoint(transport);
        var job = Job();
        WriteRandom("a/f0", MiB);
        WriteRandom("a/f1", MiB);
        WriteRandom("x/file.bin", MiB);
        Directory.CreateDirectory(Src("y"));
        await FullSyncAsync(job, remote, target);
        // lsyncd #371: the remote's old copy diverged without its size or time telling.
        Tamper(Path.Combine(target, "a/f1"));
        Tamper(Path.Combine(target, "x/file.bin"));

        Directory.Move(Src("a"), Src("b"));
        File.Move(Src("x/file.bin"), Src("y/renamed.bin"));
        var outcome = await deliverer.DeliverAsync(job, remote,
            [Tree("a"), Tree("b") with { MovedFrom = "a" }, File_("x/file.bin"), File_("y/renamed.bin") with { MovedFrom = "x/file.bin" }],
            RunKind.Realtime, CancellationToken.None);

        DeliveryHarness.AssertDelivered(outcome);
        TreeAssert.Identical(source.Path, target);
        // Each tampered half (0.5 MiB of random bytes in two files) had to go as data: the basis was not trusted.
        Assert.True(outcome.Bytes > MiB * 0.95, $"sent {outcome.Bytes}");
    }

    [Theory]
    [InlineData("daemon")]
    [InlineData("ssh")]
    public async Task WithUpdateOnly_RemoteOldCopyNewer_NewPathStillGetsTheLocalFile(string transport)
    {
        var (remote, target) = Endpoint(transport);
        var job = Job();
        WriteRandom("a/f.bin", MiB);
        Directory.CreateDirectory(Src("b"));
        await FullSyncAsync(job, remote, target);
        var remoteCopy = Path.Combine(target, "a/f.bin");
        File.WriteAllBytes(remoteCopy, RandomNumberGenerator.GetBytes(MiB));
        File.SetLastWriteTimeUtc(remoteCopy, DateTime.UtcNow.AddHours(1));

        File.Move(Src("a/f.bin"), Src("b/f.bin"));
        var outcome = await deliverer.DeliverAsync(job, remote,
            [File_("a/f.bin"), File_("b/f.bin") with { MovedFrom = "a/f.bin" }], RunKind.Realtime, CancellationToken.None);

        DeliveryHarness.AssertDelivered(outcome);
        // -u keeps a newer file at its own path; a new path has none, so the move behaves as an upload would.
        TreeAssert.Identical(source.Path, target);
    }

    [Fact]
    public async Task HardLinksExcludesAndTwoRemotes_EachRemoteBuildsTheMoveFromItsOwnCopy()
    {
        var job = Job("-artuzH") with { ExcludeRegexes = [@"(.*)\.tmp"] };
        WriteRandom("a/one.bin", MiB);
        File.CreateSymbolicLink(Src("a/link"), "one.bin");
        File.WriteAllText(Src("a/scratch.tmp"), "excluded");
        WriteRandom("a/sub/two.bin", MiB);
        // A hard-linked pair inside the folder.
        Assert.Equal(0, Link(Src("a/sub/two.bin"), Src("a/sub/two-again.bin")));
        var daemonEnd = Endpoint("daemon");
        var sshEnd = Endpoint("ssh");
        foreach (var (remote, target) in new[] { daemonEnd, sshEnd }) await FullSyncAsync(job with { FullSyncExcludes = ["*.tmp"] }, remote, target);

        Directory.Move(Src("a"), Src("c"));
        foreach (var (remote, target) in new[] { daemonEnd, sshEnd })
        {
            var outcome = await deliverer.DeliverAsync(job, remote, [Tree("a"), Tree("c") with { MovedFrom = "a" }], RunKind.Realtime, CancellationToken.None);
            DeliveryHarness.AssertDelivered(outcome);
            Assert.True(outcome.Bytes < 100_000, $"sent {outcome.Bytes} to {remote.Name}");
            Assert.False(Directory.Exists(Path.Combine(target, "a")));
            Assert.False(File.Exists(Path.Combine(target, "c/scratch.tmp")));
            Assert.Equal(File.ReadAllBytes(Src("c/sub/two.bin")), File.ReadAllBytes(Path.Combine(target, "c/sub/two-again.bin")));
            Assert.Equal("one.bin", new FileInfo(Path.Combine(target, "c/link")).LinkTarget);
            Assert.Equal(Inode(Path.Combine(target, "c/sub/two.bin")), Inode(Path.Combine(target, "c/sub/two-again.bin")));
        }
    }

    [Theory]
    [InlineData("daemon")]
    [InlineData("ssh")]
    public async Task MoveRunFails_NewFolderMissingOnTheRemote_TheBatchSendsThePathAndSaysSo(string transport)
    {
        var (remote, target) = Endpoint(transport);
        var job = Job();
        WriteRandom("a/f.bin", MiB);
        Directory.CreateDirectory(Src("x/y"));
        await FullSyncAsync(job, remote, target);
        Directory.Delete(Path.Combine(target, "x"), recursive: true); // the move's destination folder is gone remotely

        File.Move(Src("a/f.bin"), Src("x/y/f.bin"));
        var outcome = await deliverer.DeliverAsync(job, remote,
            [File_("a/f.bin"), File_("x/y/f.bin") with { MovedFrom = "a/f.bin" }], RunKind.Realtime, CancellationToken.None);

        DeliveryHarness.AssertDelivered(outcome);
        Assert.False(outcome.Runs[0].Succeeded);
        Assert.Contains(outcome.Warnings, w => w.Contains("x/y/f.bin", StringComparison.Ordinal));
        Assert.Contains(outcome.Delivered, e => e.RelativePath == "x/y/f.bin");
        TreeAssert.Identical(source.Path, target);
    }

    [Fact]
    public async Task TwoMovesToADaemonWithOneConnection_TheRefusedOneRunsAgainAlone_NothingSentInFull()
    {
        await using var single = await RsyncDaemonFixture.StartNewAsync(maxConnections: 1);
        var remote = single.Remote();
        var job = Job();
        for (var i = 0; i < 3; i++) WriteRandom($"a/f{i}", MiB);
        WriteRandom("in/big.bin", 3 * MiB);
        Directory.CreateDirectory(Src("out"));
        await FullSyncAsync(job, remote, single.ModulePath);

        Directory.Move(Src("a"), Src("b"));
        File.Move(Src("in/big.bin"), Src("out/big.bin"));
        var outcome = await deliverer.DeliverAsync(job, remote,
            [Tree("a"), Tree("b") with { MovedFrom = "a" }, File_("in/big.bin"), File_("out/big.bin") with { MovedFrom = "in/big.bin" }],
            RunKind.Realtime, CancellationToken.None);

        DeliveryHarness.AssertDelivered(outcome);
        Assert.Empty(outcome.Warnings);
        Assert.True(outcome.Bytes < 100_000, $"sent {outcome.Bytes} over {outcome.Runs.Count} runs");
        TreeAssert.Identical(source.Path, single.ModulePath);
    }

    [Fact]
    public async Task OldPathNotInTheBatch_NoBasisRun_TheNewPathGoesAsToday()
    {
        var (remote, target) = Endpoint("daemon");
        var job = Job();
        WriteRandom("a/f.bin", MiB);
        await FullSyncAsync(job, remote, target);

        Directory.Move(Src("a"), Src("b"));
        // The old path went in an earlier batch (or waits behind a run in flight): no basis is certain to be there.
        var outcome = await deliverer.DeliverAsync(job, remote, [Tree("b") with { MovedFrom = "a" }], RunKind.Realtime, CancellationToken.None);

        DeliveryHarness.AssertDelivered(outcome);
        Assert.Single(outcome.Runs);
        Assert.DoesNotContain("-dest=", outcome.Runs[0].CommandLine);
        Assert.True(File.Exists(Path.Combine(target, "b/f.bin")));
    }

    [Fact]
    public async Task RenamedTwiceInOneBatch_BuiltFromTheFirstName()
    {
        var (remote, target) = Endpoint("daemon");
        var job = Job();
        for (var i = 0; i < 3; i++) WriteRandom($"a/f{i}", MiB);
        await FullSyncAsync(job, remote, target);

        Directory.Move(Src("a"), Src("b"));
        Directory.Move(Src("b"), Src("c"));
        // As the coalescer hands it out: b keeps the old path it was renamed from when it is renamed away itself.
        var outcome = await deliverer.DeliverAsync(job, remote,
            [Tree("a"), Tree("b") with { MovedFrom = "a" }, Tree("c") with { MovedFrom = "b" }], RunKind.Realtime, CancellationToken.None);

        DeliveryHarness.AssertDelivered(outcome);
        Assert.True(outcome.Bytes < 100_000, $"sent {outcome.Bytes}");
        TreeAssert.Identical(source.Path, target);
    }

    [Fact]
    public async Task SwappedFolders_EachBuiltFromTheOtherOldCopy_EndIdentical()
    {
        var (remote, target) = Endpoint("daemon");
        var job = Job();
        WriteRandom("x/f.bin", MiB);
        WriteRandom("y/g.bin", MiB);
        await FullSyncAsync(job, remote, target);

        Directory.Move(Src("x"), Src("tmp"));
        Directory.Move(Src("y"), Src("x"));
        Directory.Move(Src("tmp"), Src("y"));
        var outcome = await deliverer.DeliverAsync(job, remote,
            [Tree("x") with { MovedFrom = "y" }, Tree("y") with { MovedFrom = "tmp" }, Tree("tmp") with { MovedFrom = "x" }], RunKind.Realtime, CancellationToken.None);

        DeliveryHarness.AssertDelivered(outcome);
        TreeAssert.Identical(source.Path, target);
    }

    private async Task FullSyncAsync(JobDefinition job, RemoteDefinition remote, string target)
    {
        DeliveryHarness.AssertDelivered(await deliverer.FullSyncAsync(job, remote, RunKind.Full, CancellationToken.None));
        if (job.FullSyncExcludes.Count == 0) TreeAssert.Identical(source.Path, target);
    }

    private string Src(string relative) => Path.Combine(source.Path, relative);

    private void WriteRandom(string relative, int bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Src(relative))!);
        File.WriteAllBytes(Src(relative), RandomNumberGenerator.GetBytes(bytes));
    }

    private static void Tamper(string path)
    {
        var when = File.GetLastWriteTimeUtc(path);
        var bytes = File.ReadAllBytes(path);
        RandomNumberGenerator.Fill(bytes.AsSpan(0, bytes.Length / 2));
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, when);
    }

    private static long LinkCount(string path) => long.Parse(Stat("%h", path));

    private static string Inode(string path) => Stat("%i", path);

    private static string Stat(string format, string path)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("stat") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", format, path }) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return text;
    }

    private static int Link(string existing, string link)
    {
        using var p = System.Diagnostics.Process.Start("ln", [existing, link])!;
        p.WaitForExit();
        return p.ExitCode;
    }
}
