using Microsoft.Extensions.Logging;
using SyncConsole.Engine.Coalescing;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;
using SyncConsole.Engine.Paths;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Running;

/// <summary>
/// One remote of one job: its own pending set and its own delivery loop, so a dead or slow remote never
/// stalls the others. Changes that arrive while a run is in flight form the next batch, which may run beside it
/// (up to <see cref="JobRunnerOptions.RunsPerRemote"/>) when its paths overlap none in flight; a path that overlaps
/// waits, so the runs on any one path stay in order.
/// </summary>
internal sealed class RemoteWorker : IAsyncDisposable
{
    private readonly JobDefinition job;
    private readonly RemoteDefinition remote;
    private readonly DeliveryTarget target;
    // The target never changes while the worker runs: its refused settings are said once, not per status read.
    private readonly string? settingsProblem;
    private readonly BatchDeliverer deliverer;
    private readonly IDeliveryJournal journal;
    private readonly EngineEventStream events;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly JobRunnerOptions options;
    private readonly ChangeCoalescer pending;
    private readonly PluginDispatcher? plugins;
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource killing = new();
    private Task loop = Task.CompletedTask;

    // Guards the last-run fields below: concurrent runs finish in any order.
    private readonly object state = new();
    private int running;
    private volatile int runsAllowed;
    private DateTimeOffset? lastDeliveryAt;
    private DateTimeOffset? lastFullSyncAt;
    private bool lastRunFailed;
    private string? lastError;
    private long deliveredPaths;
    private long deliveredBytes;
    private HeldRun? held;
    private string? deletionWarning;
    private int confirmedRequested;
    // The latest progress of a run that reports it (full syncs, large batches); null between such runs.
    private SyncProgress? progress;
    private DateTimeOffset lastProgressEvent;
    private readonly RemoteReachability reachability = new();

    public RemoteWorker(JobDefinition job, RemoteDefinition remote, BatchDeliverer deliverer, IDeliveryJournal journal,
        EngineEventStream events, JobRunnerOptions options, TimeProvider clock, ILogger logger, PluginDispatcher? plugins = null)
    {
        this.plugins = plugins;
        this.job = job;
        this.remote = remote;
        this.deliverer = deliverer;
        target = deliverer.TargetFor(job, remote, lasting: true);
        settingsProblem = target.Problems.Count > 0 ? string.Join(" ", target.Problems) : null;
        this.journal = journal;
        this.events = events;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        pending = ChangeCoalescer.ForJob(job, clock);
        runsAllowed = Math.Max(1, options.RunsPerRemote);
    }

    public RemoteDefinition Remote => remote;

    /// <summary>The job's delivery to this remote, prepared once (a fail-log retry of the pair starts from it).</summary>
    public DeliveryTarget Target => target;

    public void Add(ChangedPath change) => pending.Add(change);

    public void Start() => loop = Task.Run(RunAsync);

    /// <summary>
    /// Queues a full sync: the coalescer's whole-tree entry, which swallows everything pending (the full sync reads
    /// the disk) and every change that arrives before it starts.
    /// </summary>
    /// <param name="makeIdentical">The next full sync overwrites newer remote files too (see
    /// <see cref="BatchDeliverer.FullSyncAsync"/>); a reconcile queued meanwhile is the same run.</param>
    public void RequestFullSync(bool makeIdentical = false)
    {
        if (makeIdentical) Volatile.Write(ref makeIdenticalRequested, 1);
        pending.RequestFullSync();
    }

    private int makeIdenticalRequested;

    /// <summary>
    /// A delivery outside this loop (a fail-log retry) reached the remote. If this loop's last run failed, the remote
    /// is back: clear the failure and reconcile, because a quiet job may never run again on its own to notice, and
    /// an outage can leave more behind than the fail log names (e.g. a killed receiver's temp files).
    /// <paramref name="reconciled"/> says that delivery was itself a full sync, which is the reconcile.
    /// </summary>
    public void ReportRecovered(bool reconciled)
    {
        reachability.Reached(clock.GetUtcNow());
        lock (state)
        {
            if (!lastRunFailed) return;
            lastRunFailed = false;
            lastError = null;
        }
        if (!reconciled && job.ReconcileAfterTrouble) RequestFullSync();
    }

    /// <summary>A delivery outside this loop (a fail-log retry) failed: what it says about the remote.</summary>
    public void ReportFailed(Rsync.RsyncResult failed) => reachability.Observe(failed, clock.GetUtcNow());

    /// <summary>An auto-heal probe's answer.</summary>
    public void ReportProbed(Rsync.ProbeResult probe) => reachability.Observe(probe, clock.GetUtcNow());

    /// <summary>A fail-log retry of a full sync to this remote was held by the deletion guard: it waits here too.</summary>
    public void ReportHeld(Delivery.Guard.DeletionGuardDecision decision) => Hold(decision, makeIdentical: false, fromRealtime: false);

    /// <summary>
    /// The administrator accepts the held deletes: the same full sync runs once without the guard (a whole-tree entry
    /// in the queue, so a full sync queued meanwhile is the same run). False when nothing is held.
    /// </summary>
    public bool ConfirmHeld()
    {
        if (TakeHeld(_ => null) is not { } run) return false;
        Volatile.Write(ref confirmedRequested, 1);
        RequestFullSync(run.MakeIdentical);
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.DeletionConfirmed, JobId = job.Id, RemoteId = remote.Id, PathCount = run.Decision.WouldDelete,
            Message = $"deletes confirmed by the administrator: the full sync to '{remote.Name}' runs once without the deletion guard ({run.Decision.Describe()})",
        });
        return true;
    }

    /// <summary>Drops the held run; the remote stays warned until a later full sync passes the guard. False when nothing is held.</summary>
    public bool CancelHeld()
    {
        if (TakeHeld(run => $"a held run was cancelled ({run.Decision.Describe(remote.Name)}): the remote keeps entries the watch folder no longer has until a full sync passes the deletion guard") is not { } run)
            return false;
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.DeletionCancelled, JobId = job.Id, RemoteId = remote.Id, PathCount = run.Decision.WouldDelete,
            Message = $"held run cancelled by the administrator; nothing deleted on '{remote.Name}'",
        });
        return true;
    }

    /// <summary>Takes the held run, if any, leaving the remote with the warning <paramref name="warning"/> gives for it.</summary>
    private HeldRun? TakeHeld(Func<HeldRun, string?> warning)
    {
        lock (state)
        {
            if (held is not { } run) return null;
            held = null;
            deletionWarning = warning(run);
            return run;
        }
    }

    /// <summary>
    /// A run held because the watch folder was empty, which has content again (a restored folder, a remounted disk, the
    /// first files of a new tree): one guarded full sync checks again. It clears the hold when it passes, or holds
    /// with the new numbers (no longer "empty", so no further automatic check).
    /// </summary>
    private void RecheckIfRefilled()
    {
        HeldRun? run;
        lock (state) run = held;
        if (run is not { Rechecked: false, Decision.WatchFolderEmpty: true } || Delivery.Guard.DeletionGuard.IsEmpty(job.WatchPath)) return;
        lock (state)
        {
            if (!ReferenceEquals(held, run)) return;
            held = run with { Rechecked = true };
        }
        RequestFullSync(run.MakeIdentical);
    }

    private void Hold(Delivery.Guard.DeletionGuardDecision decision, bool makeIdentical, bool fromRealtime)
    {
        lock (state)
            held = new HeldRun
            {
                Decision = decision, MakeIdentical = makeIdentical || (held?.MakeIdentical ?? false), FromRealtime = fromRealtime,
                HeldAt = clock.GetUtcNow(), Message = decision.Describe(remote.Name),
            };
    }

    /// <summary>
    /// Keeps a run's latest progress for the status and tells the event stream at most once a second (the dashboard
    /// and hub clients redraw from it; the event is not kept in the history).
    /// </summary>
    private Action<RsyncProgress> ReportProgress(string run)
    {
        var startedAt = clock.GetUtcNow();
        return p =>
        {
            var now = clock.GetUtcNow();
            var current = SyncProgress.From(run, startedAt, now, p);
            lock (state)
            {
                progress = current;
                if (now - lastProgressEvent < TimeSpan.FromSeconds(1) && p.Percent < 100) return;
                lastProgressEvent = now;
            }
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.SyncProgress, JobId = job.Id, RemoteId = remote.Id, Bytes = current.BytesDone,
                FilesTransferred = current.FilesTransferred, PathCount = current.FilesTotal ?? 0,
                Message = $"{run}: {current.Percent} %",
            });
        };
    }

    private void ClearProgress()
    {
        lock (state) progress = null;
    }

    public RemoteStatus Status
    {
        get
        {
            var reach = reachability.Snapshot();
            lock (state)
                return new()
                {
                    RemoteId = remote.Id,
                    Name = remote.Name,
                    Busy = Volatile.Read(ref running) > 0,
                    PendingPaths = pending.Count,
                    OldestPendingSince = pending.OldestPendingSince,
                    LastDeliveryAt = lastDeliveryAt,
                    LastFullSyncAt = lastFullSyncAt,
                    LastRunFailed = lastRunFailed,
                    LastError = lastError,
                    DeliveredPaths = Interlocked.Read(ref deliveredPaths),
                    DeliveredBytes = Interlocked.Read(ref deliveredBytes),
                    Reachability = reach.State,
                    UnreachableSince = reach.Since,
                    UnreachableReason = reach.Reason,
                    LastContactAt = reach.LastContactAt,
                    LastCheckedAt = reach.LastCheckedAt,
                    HeldRun = held,
                    DeletionWarning = deletionWarning,
                    SettingsProblem = settingsProblem,
                    Progress = progress,
                };
        }
    }

    private async Task RunAsync()
    {
        var runs = new List<Task>();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                runs.RemoveAll(t => t.IsCompleted);
                if (runs.Count >= runsAllowed)
                {
                    await Task.WhenAny(runs).ConfigureAwait(false);
                    continue;
                }
                IReadOnlyList<ChangedPath> batch;
                try { batch = await pending.NextConcurrentBatchAsync(stopping.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { continue; }
                if (batch.Count == 0) continue;
                // The limit may have dropped to one (max connections) while this batch was awaited.
                for (runs.RemoveAll(t => t.IsCompleted); runs.Count >= runsAllowed; runs.RemoveAll(t => t.IsCompleted))
                    await Task.WhenAny(runs).ConfigureAwait(false);
                runs.Add(RunAsync(batch, runs.Count > 0));
            }
            catch (Exception e)
            {
                // The loop must survive anything; a run's own failures are handled (and fail-logged) in RunAsync(batch).
                logger.LogError(e, "Delivery loop of job {Job} to remote {Remote} failed; continuing", job.Name, remote.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, CancellationToken.None).ConfigureAwait(false);
            }
        }
        await Task.WhenAll(runs).ConfigureAwait(false);
    }

    /// <summary>One batch (or full sync), beside at most <see cref="JobRunnerOptions.RunsPerRemote"/> - 1 others on disjoint paths.</summary>
    private async Task RunAsync(IReadOnlyList<ChangedPath> batch, bool besideAnother)
    {
        Interlocked.Increment(ref running);
        try
        {
            var outcome = batch is [{ RelativePath: "", Recursive: true }]
                ? await FullSyncAsync().ConfigureAwait(false)
                : await DeliverAsync(batch).ConfigureAwait(false);
            if (besideAnother && !outcome.Succeeded && outcome.Runs.Any(r => r.DaemonBusy))
            {
                // The daemon limits connections (rsyncd.conf "max connections"): one run at a time from now on. What
                // failed is in the fail log, and the next successful run reconciles.
                runsAllowed = 1;
                logger.LogWarning("The rsync daemon of remote {Remote} refused a second connection (max connections); job {Job} now sends one run at a time to it",
                    remote.Name, job.Name);
            }
        }
        catch (OperationCanceledException) when (killing.IsCancellationRequested)
        {
            // Killed at shutdown: the deliverer has put the paths in the fail log.
        }
        catch (Exception e)
        {
            // A single run may throw anything; the paths are already in the fail log. Pause briefly so a persistent
            // fault cannot spin.
            logger.LogError(e, "Delivery to remote {Remote} of job {Job} failed; continuing", remote.Name, job.Name);
            lock (state) lastError = e.Message;
            await Task.Delay(TimeSpan.FromSeconds(1), clock, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref running);
            pending.Release(batch);
        }
    }

    private async Task<DeliveryOutcome> DeliverAsync(IReadOnlyList<ChangedPath> batch)
    {
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.BatchFlushed, JobId = job.Id, RemoteId = remote.Id, PathCount = batch.Count,
            Path = batch.Count == 1 ? batch[0].RelativePath : null,
        });
        var outcome = await deliverer.DeliverAsync(target, batch, RunKind.Realtime, killing.Token, ReportProgress("batch")).ConfigureAwait(false);
        ClearProgress();
        if (outcome.Held is { } decision)
        {
            // The burst's deletes wait for the administrator; what the folder still has arrives with the confirmed full sync.
            reachability.Reached(clock.GetUtcNow());
            Hold(decision, makeIdentical: false, fromRealtime: true);
            return outcome;
        }
        AfterRun(outcome, batch.Count);
        if (outcome.Succeeded) RecheckIfRefilled();
        // Plugins follow successful realtime deliveries only (sersync ran them after each event's rsyncs); they
        // run on the dispatcher's queue, so this never waits for them.
        if (outcome.Succeeded)
            plugins?.Notify(new DeliveredBatch
            {
                Job = job, Remote = remote, Paths = outcome.Delivered, ExitCode = outcome.Runs.LastOrDefault()?.ExitCode ?? 0,
                Bytes = outcome.Bytes, Time = clock.GetUtcNow(),
            });
        return outcome;
    }

    private async Task<DeliveryOutcome> FullSyncAsync()
    {
        var makeIdentical = Interlocked.Exchange(ref makeIdenticalRequested, 0) == 1;
        var confirmed = Interlocked.Exchange(ref confirmedRequested, 0) == 1;
        DeliveryOutcome outcome;
        try
        {
            outcome = await deliverer.FullSyncAsync(target, RunKind.Full, killing.Token, overwriteNewer: makeIdentical, guarded: !confirmed,
                progress: ReportProgress("full sync")).ConfigureAwait(false);
        }
        finally { ClearProgress(); }
        if (outcome.Held is { } decision)
        {
            // Held, not failed: the remote answered the dry run, and retrying would only hold it again.
            reachability.Reached(clock.GetUtcNow());
            Hold(decision, makeIdentical, fromRealtime: false);
            return outcome;
        }
        if (outcome.GuardPassed || (confirmed && outcome.Succeeded))
            lock (state)
            {
                // A later check passed (or the deletes were confirmed and done): nothing is held any more.
                held = null;
                deletionWarning = null;
            }
        if (outcome.Succeeded) lock (state) lastFullSyncAt = clock.GetUtcNow();
        AfterRun(outcome, outcome.Delivered.Count);
        return outcome;
    }

    private void AfterRun(DeliveryOutcome outcome, int pathCount)
    {
        if (outcome.Succeeded && outcome.Runs.Count > 0) reachability.Reached(clock.GetUtcNow());
        else if (outcome.Runs.LastOrDefault(r => !r.Succeeded) is { } failedRun) reachability.Observe(failedRun, clock.GetUtcNow());
        bool recovered;
        lock (state)
        {
            recovered = lastRunFailed && outcome.Succeeded;
            lastRunFailed = !outcome.Succeeded;
            if (outcome.Succeeded)
            {
                lastDeliveryAt = clock.GetUtcNow();
                lastError = null;
            }
            else lastError = outcome.Runs.LastOrDefault()?.Meaning ?? "delivery failed";
        }
        if (outcome.Succeeded)
        {
            Interlocked.Add(ref deliveredPaths, pathCount);
            Interlocked.Add(ref deliveredBytes, outcome.Bytes);
        }
        // The remote is back: what changed while it was failing may be more than the fail log knows.
        if (recovered && job.ReconcileAfterTrouble) RequestFullSync();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        // An in-flight run may finish within the grace period; after that it is killed and lands in the fail log.
        killing.CancelAfter(options.ShutdownGrace);
        await loop.ConfigureAwait(false);

        var left = pending.Drain();
        if (left.Count > 0)
        {
            // Nothing lost: changes seen but not yet sent are kept for the next start's retry.
            var id = await journal.RecordFailureAsync(new FailureRecord
            {
                JobId = job.Id, RemoteId = remote.Id, Paths = left, ExitCode = -1,
                // A full sync that was queued but not run is retried as one, with the job's full-sync filters.
                FullSync = left.Any(p => p.RelativePath.Length == 0),
                ExitMeaning = "not delivered before the job stopped", At = clock.GetUtcNow(),
            }, CancellationToken.None).ConfigureAwait(false);
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.FailLogCreated, JobId = job.Id, RemoteId = remote.Id, PathCount = left.Count,
                FailLogId = id, Message = "changes not delivered before the job stopped",
            });
        }
        // No run is left (the loop ended and killed ones were reaped): the remote's password file goes.
        target.Dispose();
        stopping.Dispose();
        killing.Dispose();
    }
}
