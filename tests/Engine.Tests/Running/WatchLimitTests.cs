using Microsoft.Extensions.Time.Testing;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.Engine.Watching;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Running;

/// <summary>
/// Out of inotify watches (issue 12, item 5): unwatched folders are scanned so their changes arrive within a minute,
/// and live watching resumes by itself within 30 s once watches are free. The real-limit test lowers the sysctl.
/// </summary>
public sealed class WatchLimitTests : IAsyncLifetime
{
    private const string MaxUserWatches = "/proc/sys/fs/inotify/max_user_watches";
    private readonly TempDirectory source = new("syncconsole-limit");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new();
    private readonly RsyncConcurrencyLimiter limiter = new(4);
    private BatchDeliverer deliverer = null!;

    public Task InitializeAsync()
    {
        deliverer = new BatchDeliverer(journal, events, limiter, new RsyncRunner());
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

    [Fact]
    public void Defaults_ScanWellWithinAMinuteAndRetryWellWithinThirtySeconds()
    {
        var defaults = new JobRunnerOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.UnwatchedScanInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), defaults.WatchRetryInterval);
    }

    /// <summary>Advances the fake clock a second at a time (letting the runner's loop run) until the condition holds.</summary>
    private static async Task<int> SecondsUntilAsync(FakeTimeProvider clock, Func<bool> condition, int maxSeconds)
    {
        for (var seconds = 0; seconds <= maxSeconds; seconds++)
        {
            for (var i = 0; i < 10 && !condition(); i++) await Task.Delay(20);
            if (condition()) return seconds;
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        return int.MaxValue;
    }

    [Fact]
    public async Task DefaultIntervals_ChangeInAnUnwatchedFolderIsSeenWithinAMinute_AndWatchingResumesWithin30sOfWatchesBeingFree()
    {
        Write("big/a/old.txt", "before");
        Write("ok/w.txt", "watched");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var runner = new JobRunner(new JobDefinition { Id = 5, Name = "limit", WatchPath = source.Path }, deliverer, journal, events, clock: clock)
        {
            AddWatchFault = path => path.Contains("/big", StringComparison.Ordinal) ? InotifyNative.ENOSPC : 0,
        };
        await runner.StartAsync();
        Assert.Contains("fs.inotify.max_user_watches", runner.Status.Reason);
        Assert.Equal(["big"], runner.Watcher!.UnwatchedFolders);
        // The fallback's baseline of the unwatched folders is taken at once (real time; the fake clock stands still).
        await Task.Delay(1000);

        Write("big/a/new.txt", "written where no watch sees it");
        var seenAfter = await SecondsUntilAsync(clock, () => Seen("big/a/new.txt"), 90);
        Assert.True(seenAfter <= 60, $"the scan found the change after {seenAfter} s");
        Assert.True(seenAfter >= 15, $"found after {seenAfter} s: not by a scan?");
        Assert.Contains("fs.inotify.max_user_watches", runner.Status.Reason);

        runner.Watcher!.AddWatchFault = null; // the admin raised the limit
        var resumedAfter = await SecondsUntilAsync(clock, () => runner.Status.Reason is null, 60);
        Assert.True(resumedAfter <= 30, $"live watching resumed after {resumedAfter} s");
        Assert.Empty(runner.Watcher!.UnwatchedFolders);

        // Live now: inotify reports it with the clock standing still.
        Write("big/a/live.txt", "seen by inotify");
        await Eventually.TrueAsync(() => Seen("big/a/live.txt"), "live event in the formerly unwatched folder");
    }

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
            new JobRunnerOptions { UnwatchedScanInterval = TimeSpan.FromSeconds(1), WatchRetryInterval = TimeSpan.FromSeconds(1) });
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
