using Microsoft.Extensions.Logging;
using SyncConsole.Engine.Coalescing;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Engine.Running;

/// <summary>
/// One remote of one job: its own pending set and its own delivery loop, so a dead or slow remote never
/// stalls the others. Batches to this remote stay in order; changes that arrive while a run is in flight
/// form the next batch.
/// </summary>
internal sealed class RemoteWorker : IAsyncDisposable
{
    private readonly JobDefinition job;
    private readonly RemoteDefinition remote;
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

    private volatile bool busy;
    private DateTimeOffset? lastDeliveryAt;
    private DateTimeOffset? lastFullSyncAt;
    private volatile bool lastRunFailed;
    private string? lastError;
    private long deliveredPaths;
    private long deliveredBytes;

    public RemoteWorker(JobDefinition job, RemoteDefinition remote, BatchDeliverer deliverer, IDeliveryJournal journal,
        EngineEventStream events, JobRunnerOptions options, TimeProvider clock, ILogger logger, PluginDispatcher? plugins = null)
    {
        this.plugins = plugins;
        this.job = job;
        this.remote = remote;
        this.deliverer = deliverer;
        this.journal = journal;
        this.events = events;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        pending = new ChangeCoalescer(job.SettleDelay, job.MaxBatchPaths, clock);
    }

    public RemoteDefinition Remote => remote;

    public void Add(ChangedPath change) => pending.Add(change);

    public void Start() => loop = Task.Run(RunAsync);

    /// <summary>
    /// Queues a full sync: the coalescer's whole-tree entry, which swallows everything pending (the full sync reads
    /// the disk) and every change that arrives before it starts.
    /// </summary>
    public void RequestFullSync() => pending.RequestFullSync();

    /// <summary>
    /// A delivery outside this loop (a fail-log retry) reached the remote. If this loop's last run failed, the remote
    /// is back: clear the failure and reconcile, because a quiet job may never run again on its own to notice, and
    /// an outage can leave more behind than the fail log names (e.g. a killed receiver's temp files).
    /// <paramref name="reconciled"/> says that delivery was itself a full sync, which is the reconcile.
    /// </summary>
    public void ReportRecovered(bool reconciled)
    {
        if (!lastRunFailed) return;
        lastRunFailed = false;
        lastError = null;
        if (!reconciled && job.ReconcileAfterTrouble) RequestFullSync();
    }

    public RemoteStatus Status => new()
    {
        RemoteId = remote.Id,
        Name = remote.Name,
        Busy = busy,
        PendingPaths = pending.Count,
        OldestPendingSince = pending.OldestPendingSince,
        LastDeliveryAt = lastDeliveryAt,
        LastFullSyncAt = lastFullSyncAt,
        LastRunFailed = lastRunFailed,
        LastError = lastError,
        DeliveredPaths = Interlocked.Read(ref deliveredPaths),
        DeliveredBytes = Interlocked.Read(ref deliveredBytes),
    };

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                IReadOnlyList<ChangedPath> batch;
                try { batch = await pending.NextBatchAsync(stopping.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { continue; }
                if (batch is [{ RelativePath: "", Recursive: true }]) await FullSyncAsync().ConfigureAwait(false);
                else if (batch.Count > 0) await DeliverAsync(batch).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (killing.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The loop must survive anything a single run throws; the paths are already in the fail log.
                logger.LogError(e, "Delivery loop of job {Job} to remote {Remote} failed; continuing", job.Name, remote.Name);
                lastError = e.Message;
                await Task.Delay(TimeSpan.FromSeconds(1), clock, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(IReadOnlyList<ChangedPath> batch)
    {
        busy = true;
        try
        {
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.BatchFlushed, JobId = job.Id, RemoteId = remote.Id, PathCount = batch.Count,
                Path = batch.Count == 1 ? batch[0].RelativePath : null,
            });
            var outcome = await deliverer.DeliverAsync(job, remote, batch, RunKind.Realtime, killing.Token).ConfigureAwait(false);
            AfterRun(outcome, batch.Count);
            // Plugins follow successful realtime deliveries only (sersync ran them after each event's rsyncs); they
            // run on the dispatcher's queue, so this never waits for them.
            if (outcome.Succeeded)
                plugins?.Notify(new DeliveredBatch
                {
                    Job = job, Remote = remote, Paths = outcome.Delivered, ExitCode = outcome.Runs.LastOrDefault()?.ExitCode ?? 0,
                    Bytes = outcome.Bytes, Time = clock.GetUtcNow(),
                });
        }
        finally { busy = false; }
    }

    private async Task FullSyncAsync()
    {
        busy = true;
        try
        {
            var outcome = await deliverer.FullSyncAsync(job, remote, RunKind.Full, killing.Token).ConfigureAwait(false);
            if (outcome.Succeeded) lastFullSyncAt = clock.GetUtcNow();
            AfterRun(outcome, outcome.Delivered.Count);
        }
        finally { busy = false; }
    }

    private void AfterRun(DeliveryOutcome outcome, int pathCount)
    {
        var recovered = lastRunFailed && outcome.Succeeded;
        lastRunFailed = !outcome.Succeeded;
        if (outcome.Succeeded)
        {
            lastDeliveryAt = clock.GetUtcNow();
            lastError = null;
            Interlocked.Add(ref deliveredPaths, pathCount);
            Interlocked.Add(ref deliveredBytes, outcome.Bytes);
        }
        else
        {
            lastError = outcome.Runs.LastOrDefault()?.Meaning ?? "delivery failed";
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
        stopping.Dispose();
        killing.Dispose();
    }
}
