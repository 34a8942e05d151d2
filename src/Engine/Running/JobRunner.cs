using Microsoft.Extensions.Logging;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;
using SyncConsole.Engine.Watching;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Running;

/// <summary>
/// Runs one job: an inotify watcher over the watch folder feeding one <see cref="RemoteWorker"/> per remote.
/// Trouble the change stream cannot describe (queue overflow, watch limit, the watch folder vanishing) ends
/// in a reconciling full sync, never in silent drift.
/// </summary>
public sealed class JobRunner : IAsyncDisposable
{
    private readonly BatchDeliverer deliverer;
    private readonly EngineEventStream events;
    private readonly JobRunnerOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly List<RemoteWorker> workers;
    private readonly PluginOnlyWorker? pluginOnly;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim watcherGate = new(1, 1);
    private InotifyWatcher? watcher;
    private readonly List<Task> background = [];
    private volatile JobState state = JobState.Starting;
    private volatile string? reason;
    private volatile bool treePartlyUnwatched;
    private volatile TaskCompletionSource watchesRestored = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long eventsSeen;

    public JobRunner(JobDefinition job, BatchDeliverer deliverer, IDeliveryJournal journal, EngineEventStream events,
        JobRunnerOptions options, TimeProvider clock, ILogger logger, PluginDispatcher? plugins)
    {
        Job = job;
        this.deliverer = deliverer;
        this.events = events;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        // Plugin-only (sersync -m): no remote workers, no rsync; batches go straight to the plugins.
        workers = job.PluginOnly ? [] : job.Remotes
            .Select(r => new RemoteWorker(job, r, deliverer, journal, events, this.options, this.clock, this.logger, plugins))
            .ToList();
        if (job.PluginOnly && plugins is not null) pluginOnly = new PluginOnlyWorker(job, plugins, this.clock, this.logger);
    }

    public JobDefinition Job { get; }

    /// <summary>Test seam: the live watcher, to inject raw kernel events.</summary>
    internal InotifyWatcher? Watcher => watcher;

    /// <summary>Test seam: passed to the watcher's <see cref="InotifyWatcher.AddWatchFault"/> (e.g. ENOSPC for some folders).</summary>
    internal Func<string, int>? AddWatchFault { get; set; }

    public JobStatus Status
    {
        get
        {
            var remotes = workers.Select(w => w.Status).ToList();
            var current = state == JobState.Watching && (remotes.Any(r => r.Busy || r.PendingPaths > 0) || pluginOnly?.PendingPaths > 0)
                ? JobState.Syncing : state;
            var why = reason;
            // A held run is an error of the job until the administrator confirms or cancels it; a cancelled one a warning.
            var held = remotes.Where(r => r.HeldRun is not null).Select(r => r.HeldRun!.Message).ToList();
            if (held.Count > 0)
            {
                why = string.Join(" | ", why is null || current != JobState.Error ? held : [why, .. held]);
                current = JobState.Error;
            }
            else if (why is null && remotes.FirstOrDefault(r => r.DeletionWarning is not null)?.DeletionWarning is { } warning) why = warning;
            return new JobStatus
            {
                JobId = Job.Id, State = current, Reason = why, WatchedFolders = watcher?.WatchCount ?? 0,
                EventsSeen = Interlocked.Read(ref eventsSeen), Remotes = remotes,
            };
        }
    }

    /// <summary>Starts the remotes' loops and the watcher. A missing watch folder is a job error, not an exception.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var w in workers) w.Start();
        pluginOnly?.Start();
        if (!Job.PluginOnly && Job.Remotes.Count == 0)
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.JobWarning, JobId = Job.Id,
                Message = "The job has no remote: its changes are seen but delivered nowhere until a remote is added.",
            });
        if (Job.InitialFullSync) RequestFullSync();
        if (!await TryStartWatcherAsync(cancellationToken).ConfigureAwait(false))
            RunInBackground(WaitForRootAsync);
    }

    /// <summary>A full sync of every remote (or one) before its next batch.</summary>
    public bool RequestFullSync(int? remoteId = null, bool makeIdentical = false)
    {
        var matched = false;
        foreach (var w in workers.Where(w => remoteId is null || w.Remote.Id == remoteId))
        {
            w.RequestFullSync(makeIdentical);
            matched = true;
        }
        return matched;
    }

    /// <summary>Confirms the held runs of every remote (or one); how many there were.</summary>
    public int ConfirmHeldRuns(int? remoteId) => workers.Where(w => remoteId is null || w.Remote.Id == remoteId).Count(w => w.ConfirmHeld());

    /// <summary>Cancels the held runs of every remote (or one); how many there were.</summary>
    public int CancelHeldRuns(int? remoteId) => workers.Where(w => remoteId is null || w.Remote.Id == remoteId).Count(w => w.CancelHeld());

    /// <summary>True when the job delivers to that remote (or to any, for null).</summary>
    public bool HasRemote(int? remoteId) => workers.Any(w => remoteId is null || w.Remote.Id == remoteId);

    /// <summary>A fail-log retry of a full sync to <paramref name="remoteId"/> was held by the deletion guard.</summary>
    public void ReportRemoteHeld(int remoteId, Delivery.Guard.DeletionGuardDecision decision)
    {
        foreach (var w in workers.Where(w => w.Remote.Id == remoteId)) w.ReportHeld(decision);
    }

    /// <summary>A fail-log retry reached <paramref name="remoteId"/>: see <see cref="RemoteWorker.ReportRecovered"/>.</summary>
    public void ReportRemoteRecovered(int remoteId, bool reconciled)
    {
        foreach (var w in workers.Where(w => w.Remote.Id == remoteId)) w.ReportRecovered(reconciled);
    }

    /// <summary>A fail-log retry to <paramref name="remoteId"/> failed: see <see cref="RemoteWorker.ReportFailed"/>.</summary>
    public Delivery.DeliveryTarget? TargetOf(int remoteId) => workers.FirstOrDefault(w => w.Remote.Id == remoteId)?.Target;

    public void ReportRemoteFailed(int remoteId, Rsync.RsyncResult failed)
    {
        foreach (var w in workers.Where(w => w.Remote.Id == remoteId)) w.ReportFailed(failed);
    }

    /// <summary>An auto-heal probe of <paramref name="remoteId"/> answered.</summary>
    public void ReportRemoteProbed(int remoteId, Rsync.ProbeResult probe)
    {
        foreach (var w in workers.Where(w => w.Remote.Id == remoteId)) w.ReportProbed(probe);
    }

    /// <summary>Each remote this job delivers to, with its status (what auto-heal looks at).</summary>
    public IReadOnlyList<RunningRemote> Remotes => workers.Select(w => new RunningRemote(Job, w.Remote, w.Status)).ToList();

    private async Task<bool> TryStartWatcherAsync(CancellationToken cancellationToken)
    {
        await watcherGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (new DirectoryInfo(Job.WatchPath).LinkTarget is { } target)
            {
                // Watching through a link would sync whatever it points at today; the kernel watch refuses it too.
                SetState(JobState.Error, $"The watch folder '{Job.WatchPath}' is a symbolic link (to '{target}'), not a folder; waiting for a real folder.");
                return false;
            }
            if (!Directory.Exists(Job.WatchPath))
            {
                SetState(JobState.Error, $"The watch folder '{Job.WatchPath}' does not exist or is not a folder; waiting for it.");
                return false;
            }
            var w = InotifyWatcher.ForJob(Job, OnChange, OnSignal);
            w.AddWatchFault = AddWatchFault;
            // Published before the start: a watch-limit signal during the first walk reads its unwatched folders.
            watcher = w;
            try
            {
                await w.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Whatever ended the start (a cancelled one included), the half-started watcher must not keep its
                // reader thread and inotify descriptor.
                watcher = null;
                await w.DisposeAsync().ConfigureAwait(false);
                if (e is not (IOException or UnauthorizedAccessException or InvalidOperationException)) throw;
                SetState(JobState.Error, e.Message.Contains(Job.WatchPath, StringComparison.Ordinal) ? e.Message : $"Cannot watch '{Job.WatchPath}': {e.Message}");
                return false;
            }
            SetState(JobState.Watching, treePartlyUnwatched ? reason : null);
            return true;
        }
        finally { watcherGate.Release(); }
    }

    private void OnChange(FileChange change)
    {
        Interlocked.Increment(ref eventsSeen);
        var path = change.ToChangedPath();
        foreach (var w in workers) w.Add(path);
        pluginOnly?.Add(path);
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FileChanged, JobId = Job.Id, Path = change.RelativePath, PathCount = 1,
            Message = change.IsDirectory ? $"{change.Kind} (folder)" : change.Kind.ToString(),
        });
    }

    private void OnSignal(WatcherSignal signal)
    {
        switch (signal.Kind)
        {
            case WatcherSignalKind.Overflow:
                events.Publish(new EngineEvent { Kind = EngineEventKind.WatchOverflow, JobId = Job.Id, Message = signal.Message });
                RequestFullSync();
                break;
            case WatcherSignalKind.WatchLimitReached:
                var message = $"{signal.Message} (Scanned every {options.UnwatchedScanInterval.TotalSeconds:0} s; watches retried every {options.WatchRetryInterval.TotalSeconds:0} s.)";
                // A retry that still falls short says so again, with today's numbers.
                reason = message;
                if (!treePartlyUnwatched)
                {
                    treePartlyUnwatched = true;
                    events.Publish(new EngineEvent { Kind = EngineEventKind.JobError, JobId = Job.Id, Message = message });
                    RunInBackground(WatchLimitFallbackAsync);
                }
                break;
            case WatcherSignalKind.WatchesRestored:
                treePartlyUnwatched = false;
                reason = null;
                watchesRestored.TrySetResult();
                events.Publish(new EngineEvent { Kind = EngineEventKind.JobStateChanged, JobId = Job.Id, Message = signal.Message });
                break;
            case WatcherSignalKind.RootGone:
                SetState(JobState.Error, $"The watch folder '{Job.WatchPath}' went away: {signal.Message}");
                // The reader thread is ending; restart from outside it.
                RunInBackground(WaitForRootAsync);
                break;
            default:
                events.Publish(new EngineEvent { Kind = EngineEventKind.JobWarning, JobId = Job.Id, Message = signal.Message });
                break;
        }
    }

    private void RunInBackground(Func<CancellationToken, Task> work)
    {
        lock (background)
        {
            // A job whose folder comes and goes starts one of these per absence: keep only those still running.
            background.RemoveAll(t => t.IsCompleted);
            background.Add(Task.Run(() => work(stopping.Token), CancellationToken.None));
        }
    }

    /// <summary>Test seam: background tasks kept (running ones only, after the next start of one).</summary>
    internal int BackgroundTaskCount { get { lock (background) return background.Count; } }

    /// <summary>Takes the watcher away under its gate (so no start publishes one in between) and stops it.</summary>
    private async Task StopWatcherAsync()
    {
        InotifyWatcher? old;
        await watcherGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            old = watcher;
            watcher = null;
        }
        finally { watcherGate.Release(); }
        if (old is not null) await old.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WaitForRootAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StopWatcherAsync().ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(options.MissingRootRetryInterval, clock, cancellationToken).ConfigureAwait(false);
                if (await TryStartWatcherAsync(cancellationToken).ConfigureAwait(false))
                {
                    // What happened while the folder was away is unknown: reconcile.
                    if (Job.ReconcileAfterTrouble) RequestFullSync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// Out of inotify watches: the folders left unwatched are scanned for changes every
    /// <see cref="JobRunnerOptions.UnwatchedScanInterval"/>, and the missing watches are tried again every
    /// <see cref="JobRunnerOptions.WatchRetryInterval"/>. Once they are all back, one last scan catches what changed
    /// before they existed, and live watching takes over alone.
    /// </summary>
    private async Task WatchLimitFallbackAsync(CancellationToken cancellationToken)
    {
        var restored = watchesRestored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!treePartlyUnwatched) restored.TrySetResult(); // restored before this loop even began
        var scanner = new UnwatchedFolderScanner(Job.WatchPath, PathFilter.ForJob(Job));
        try
        {
            // A limit hit during the watcher's first walk: let the walk finish, so the baseline has every unwatched folder.
            await watcherGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            watcherGate.Release();
            // What the unwatched folders hold now is the baseline; the full sync covers everything up to it.
            scanner.Scan(watcher?.UnwatchedFolders ?? [], reportNewFolders: false, cancellationToken);
            RequestFullSync();
            var nextScan = clock.GetUtcNow() + options.UnwatchedScanInterval;
            var nextRetry = clock.GetUtcNow() + options.WatchRetryInterval;
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = (nextScan < nextRetry ? nextScan : nextRetry) - clock.GetUtcNow();
                if (wait > TimeSpan.Zero && !restored.Task.IsCompleted)
                    await Task.WhenAny(Task.Delay(wait, clock, cancellationToken), restored.Task).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                var now = clock.GetUtcNow();
                var done = restored.Task.IsCompleted;
                if (now >= nextRetry && !done)
                {
                    watcher?.Rewatch();
                    nextRetry = now + options.WatchRetryInterval;
                }
                if (now >= nextScan || done)
                {
                    foreach (var change in scanner.Scan(done ? [] : watcher?.UnwatchedFolders ?? [], reportNewFolders: true, cancellationToken))
                        OnChange(change);
                    nextScan = now + options.UnwatchedScanInterval;
                }
                if (done) return;
            }
        }
        catch (OperationCanceledException) { }
    }

    private void SetState(JobState next, string? why)
    {
        var changed = state != next || reason != why;
        state = next;
        reason = why;
        if (!changed) return;
        if (next == JobState.Error) logger.LogWarning("Job {Job}: {Reason}", Job.Name, why);
        events.Publish(new EngineEvent
        {
            Kind = next == JobState.Error ? EngineEventKind.JobError : EngineEventKind.JobStateChanged,
            JobId = Job.Id, Message = why is null ? next.ToString() : $"{next}: {why}",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        Task[] pendingWork;
        lock (background) pendingWork = background.ToArray();
        await Task.WhenAll(pendingWork).ConfigureAwait(false);
        await StopWatcherAsync().ConfigureAwait(false);
        // Remotes stop together: the shutdown grace period is spent once, not once per remote.
        await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (pluginOnly is not null) await pluginOnly.DisposeAsync().ConfigureAwait(false);
        state = JobState.Stopped;
        stopping.Dispose();
        watcherGate.Dispose();
    }
}
