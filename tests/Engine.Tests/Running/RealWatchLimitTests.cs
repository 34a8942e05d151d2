using Microsoft.Extensions.Logging.Abstractions;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Running;

/// <summary>
/// Lowering <c>fs.inotify.max_user_watches</c> starves every watcher of this user, so this runs alone: after the
/// parallel tests, never beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InotifyLimitCollection
{
    public const string Name = "inotify watch limit (alone)";
}

/// <summary>
/// The real inotify watch limit: the test lowers the sysctl itself (and always restores it), writes where no watch
/// sees, and raises the limit again. Skipped where /proc/sys cannot be written.
/// </summary>
[Collection(InotifyLimitCollection.Name)]
public sealed class RealWatchLimitTests : IAsyncLifetime
{
    private const string MaxUserWatches = "/proc/sys/fs/inotify/max_user_watches";
    private readonly TempDirectory source = new("syncconsole-real-limit");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly RsyncConcurrencyLimiter limiter = new(4);
    private BatchDeliverer deliverer = null!;

    public Task InitializeAsync()
    {
        deliverer = TestEngine.Deliverer(journal, events, limiter);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        limiter.Dispose();
        source.Dispose();
        return Task.CompletedTask;
    }

    private void Write(string relative, string content)
    {
        var full = source.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    private bool Seen(string path) => events.Recent(0, 10_000).Any(e => e.Kind == EngineEventKind.FileChanged && e.Path == path);

    private static bool CanWrite(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException) { return false; }
    }

    /// <summary>inotify watches held right now by this user's processes (from /proc/*/fdinfo).</summary>
    private static long WatchesInUse()
    {
        long count = 0;
        foreach (var pid in Directory.EnumerateDirectories("/proc").Where(d => char.IsDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                foreach (var fd in Directory.EnumerateFiles(Path.Combine(pid, "fdinfo")))
                    count += File.ReadLines(fd).Count(l => l.StartsWith("inotify wd:", StringComparison.Ordinal));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return count;
    }

    [SkippableFact]
    public async Task RealWatchLimit_ChangeInAnUnwatchedFolderReachesTheDaemon_ThenWatchingResumesWhenTheLimitIsRaised()
    {
        var original = File.ReadAllText(MaxUserWatches).Trim();
        Skip.IfNot(CanWrite(MaxUserWatches, original), $"{MaxUserWatches} is not writable here (not root, or a read-only /proc/sys): the real-limit test needs to lower it");
        for (var i = 0; i < 40; i++) Write($"d{i:00}/f.txt", $"file {i}");
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        var job = new JobDefinition { Id = 6, Name = "real limit", WatchPath = source.Path, RsyncParams = "-artuz", Remotes = [daemon.Remote()] };
        // Short intervals keep the lowered limit (which every process of this user shares) brief; the defaults are tested above.
        await using var runner = new JobRunner(job, deliverer, journal, events,
            new JobRunnerOptions { UnwatchedScanInterval = TimeSpan.FromSeconds(1), WatchRetryInterval = TimeSpan.FromSeconds(1) },
            TimeProvider.System, NullLogger.Instance, plugins: null);
        string target;
        try
        {
            var lowered = WatchesInUse() + 8;
            File.WriteAllText(MaxUserWatches, lowered.ToString());
            await runner.StartAsync();

            var reason = runner.Status.Reason;
            Assert.NotNull(reason);
            Assert.Contains("fs.inotify.max_user_watches", reason);
            Assert.Contains($"is {lowered}", reason);
            Assert.Contains("needs 41 watches", reason); // the root and its 40 folders
            var unwatched = runner.Watcher!.UnwatchedFolders;
            Assert.NotEmpty(unwatched);
            target = unwatched.Contains("") ? "d39" : unwatched.Max(StringComparer.Ordinal)!;
            await Eventually.TrueAsync(() => TreeAssert.AreIdentical(source.Path, daemon.ModulePath), "the fallback's first full sync", 60);

            Write($"{target}/changed.txt", "written where no watch sees it");
            await Eventually.TrueAsync(() => File.Exists(Path.Combine(daemon.ModulePath, target, "changed.txt")), "the change reached the daemon", 60);
            Assert.True(Seen($"{target}/changed.txt"), "found by the scan");
        }
        finally
        {
            File.WriteAllText(MaxUserWatches, original);
        }

        await Eventually.TrueAsync(() => runner.Status.Reason is null && runner.Watcher!.UnwatchedFolders.Count == 0, "live watching resumed", 30);
        Assert.Equal(41, runner.Status.WatchedFolders);
        Write($"{target}/live.txt", "seen by inotify");
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(daemon.ModulePath, target, "live.txt")), "the live change reached the daemon", 30);
        TreeAssert.Identical(source.Path, daemon.ModulePath);
    }
}
