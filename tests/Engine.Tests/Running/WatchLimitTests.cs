using Microsoft.Extensions.Logging.Abstractions;
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
/// Out of inotify watches (issue 12, item 5), on the default intervals with a fake clock and an injected ENOSPC:
/// unwatched folders are scanned so their changes arrive within a minute, and live watching resumes by itself within
/// 30 s once watches are free. <see cref="RealWatchLimitTests"/> does it with the real sysctl.
/// </summary>
public sealed class WatchLimitTests : IAsyncLifetime
{
    private readonly TempDirectory source = new("syncconsole-limit");
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
        await using var runner = new JobRunner(new JobDefinition { Id = 5, Name = "limit", WatchPath = source.Path }, deliverer, journal, events,
            new JobRunnerOptions(), clock, NullLogger.Instance, plugins: null)
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
}
