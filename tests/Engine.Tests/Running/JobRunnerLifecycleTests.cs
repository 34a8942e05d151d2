using Microsoft.Extensions.Logging.Abstractions;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Running;

/// <summary>Alone: it counts the process's inotify descriptors, which other tests' watchers would change.</summary>
[CollectionDefinition(nameof(InotifyDescriptorCount), DisableParallelization = true)]
public sealed class InotifyDescriptorCount;

/// <summary>What a job's watcher leaves behind: real inotify on a temp folder, no remote.</summary>
[Collection(nameof(InotifyDescriptorCount))]
public sealed class JobRunnerLifecycleTests : IDisposable
{
    private readonly TempDirectory source = new("syncconsole-lifecycle");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly RsyncConcurrencyLimiter limiter = new(1);

    public void Dispose()
    {
        limiter.Dispose();
        source.Dispose();
    }

    private JobRunner Runner(JobRunnerOptions? options = null) => new(
        new JobDefinition { Id = 5, Name = "lifecycle", WatchPath = source.Path }, TestEngine.Deliverer(journal, events, limiter),
        journal, events, options ?? new JobRunnerOptions(), TimeProvider.System, NullLogger.Instance, plugins: null);

    private static int InotifyDescriptors() =>
        new DirectoryInfo("/proc/self/fd").GetFiles().Count(f =>
        {
            try { return f.LinkTarget == "anon_inode:inotify"; }
            catch (IOException) { return false; } // the descriptor closed while we looked
        });

    [Fact]
    public async Task StartAsync_CancelledDuringTheFirstWalk_LeavesNoInotifyDescriptorBehind()
    {
        for (var i = 0; i < 20; i++) Directory.CreateDirectory(source.Combine($"d{i}/e"));
        var before = InotifyDescriptors();
        using var cts = new CancellationTokenSource();
        var runner = Runner();
        // Cancelled from inside the watcher's first walk, which then lingers so that it cannot end before the start
        // begins to wait for it.
        runner.AddWatchFault = _ =>
        {
            if (!cts.IsCancellationRequested)
            {
                cts.Cancel();
                Thread.Sleep(200);
            }
            return 0;
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.StartAsync(cts.Token));

        // Not yet disposed: a start that failed must not have left the watcher's thread and descriptor running.
        Assert.Equal(before, InotifyDescriptors());
        Assert.Equal(0, runner.Status.WatchedFolders);
        await runner.DisposeAsync();
        Assert.Equal(before, InotifyDescriptors());
    }

    [Fact]
    public async Task WatchFolderGoneAndBackThreeTimes_KeepsNoFinishedBackgroundTask()
    {
        await using var runner = Runner(new JobRunnerOptions { MissingRootRetryInterval = TimeSpan.FromMilliseconds(50) });
        await runner.StartAsync();
        Assert.Equal(JobState.Watching, runner.Status.State);

        for (var i = 0; i < 3; i++)
        {
            Directory.Delete(source.Path, recursive: true);
            await Eventually.TrueAsync(() => runner.Status.State == JobState.Error, $"folder gone ({i})");
            Directory.CreateDirectory(source.Path);
            await Eventually.TrueAsync(() => runner.Status.State == JobState.Watching, $"watching again ({i})");
        }

        // Each absence started one wait-for-the-folder task; the finished ones are not kept.
        Assert.True(runner.BackgroundTaskCount <= 1, $"{runner.BackgroundTaskCount} background tasks kept");
    }
}
