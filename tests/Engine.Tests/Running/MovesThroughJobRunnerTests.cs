using Microsoft.Extensions.Logging.Abstractions;
using System.Security.Cryptography;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;
using Xunit.Abstractions;

namespace SyncConsole.Engine.Tests.Running;

/// <summary>
/// The whole path of a move: real inotify (MOVED_FROM/MOVED_TO paired by cookie), the coalescer, the deliverer and real
/// rsync to a daemon module and an sshd at once, with sersync's <c>-artuz</c>.
/// </summary>
public sealed class MovesThroughJobRunnerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private readonly TempDirectory source = new("syncconsole-moves");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly RsyncConcurrencyLimiter limiter = new(4);
    private RsyncDaemonFixture daemon = null!;
    private SshServerFixture ssh = null!;

    public async Task InitializeAsync()
    {
        daemon = await RsyncDaemonFixture.StartNewAsync();
        ssh = await SshServerFixture.StartNewAsync();
    }

    public async Task DisposeAsync()
    {
        await daemon.DisposeAsync();
        await ssh.DisposeAsync();
        limiter.Dispose();
        source.Dispose();
    }

    [Fact]
    public async Task RenameA20MiBFolderAndMoveAFileIntoAnotherFolder_BothRemotesGetItForUnder5PercentOfTheBytes()
    {
        for (var i = 0; i < 20; i++) WriteRandom($"album/p{i:00}.jpg", MiB);
        WriteRandom("inbox/video.mp4", 4 * MiB);
        Directory.CreateDirectory(Path.Combine(source.Path, "done"));
        var job = new JobDefinition
        {
            Id = 1, Name = "moves", WatchPath = source.Path, RsyncParams = "-artuz", DeleteEnabled = true, InitialFullSync = true,
            Remotes = [daemon.Remote(id: 1), ssh.Remote(id: 2)],
        };
        var deliverer = TestEngine.Deliverer(journal, events, limiter);
        await using var runner = new JobRunner(job, deliverer, journal, events, new JobRunnerOptions(), TimeProvider.System, NullLogger.Instance, plugins: null);
        await runner.StartAsync();
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(source.Path, daemon.ModulePath) && TreeAssert.AreIdentical(source.Path, ssh.TargetPath),
            "initial full sync on both remotes", 60);
        // The trees can be identical before the start-up runs are recorded: only runs after both records are the moves'.
        await Eventually.TrueAsync(() => journal.Runs.Select(r => r.RemoteId).Distinct().Count() == 2, "the start-up runs recorded for both remotes", 30);
        await Task.Delay(300);
        var before = journal.Runs.Count;

        Directory.Move(Path.Combine(source.Path, "album"), Path.Combine(source.Path, "album 2026"));
        File.Move(Path.Combine(source.Path, "inbox/video.mp4"), Path.Combine(source.Path, "done/video.mp4"));

        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(source.Path, daemon.ModulePath) && TreeAssert.AreIdentical(source.Path, ssh.TargetPath),
            "both remotes identical after the moves", 60);
        await Task.Delay(300);
        TreeAssert.Identical(source.Path, daemon.ModulePath);
        TreeAssert.Identical(source.Path, ssh.TargetPath);
        var runs = journal.Runs.Skip(before).ToList();
        foreach (var r in runs) output.WriteLine($"remote {r.RemoteId}: {r.Bytes} bytes, exit {r.ExitCode}, {r.CommandLine}");
        Assert.Empty(journal.Failures);
        Assert.All(runs, r => Assert.True(r.Succeeded, r.StderrTail));
        foreach (var remoteId in new[] { 1, 2 })
        {
            var sent = runs.Where(r => r.RemoteId == remoteId).Sum(r => r.Bytes);
            Assert.True(sent < 24L * MiB / 20, $"remote {remoteId}: sent {sent} bytes for 24 MiB moved");
        }
    }

    private void WriteRandom(string relative, int bytes)
    {
        var full = Path.Combine(source.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, RandomNumberGenerator.GetBytes(bytes));
    }
}
