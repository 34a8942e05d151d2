using SyncConsole.Engine.Rsync;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Engine.Running;

/// <summary>
/// Keeps one <see cref="JobRunner"/> per enabled job in step with the configuration: starts new jobs,
/// restarts edited ones, stops removed or paused ones.
/// </summary>
public sealed class JobSupervisor(
    BatchDeliverer deliverer,
    IDeliveryJournal journal,
    EngineEventStream events,
    JobRunnerOptions options,
    TimeProvider clock,
    ILoggerFactory loggerFactory,
    PluginDispatcher? plugins) : IAsyncDisposable
{
    private readonly Dictionary<int, (JobRunner Runner, string Fingerprint)> running = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Makes the running set equal to <paramref name="jobs"/> (the enabled, unpaused jobs).</summary>
    public async Task ApplyAsync(IReadOnlyCollection<JobDefinition> jobs, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wanted = jobs.ToDictionary(j => j.Id);
            List<KeyValuePair<int, (JobRunner Runner, string Fingerprint)>> current;
            lock (running) current = running.ToList();
            foreach (var (id, entry) in current)
            {
                if (wanted.TryGetValue(id, out var job) && Fingerprint(job) == entry.Fingerprint) continue;
                lock (running) running.Remove(id);
                await entry.Runner.DisposeAsync().ConfigureAwait(false);
            }
            foreach (var job in jobs)
            {
                lock (running) if (running.ContainsKey(job.Id)) continue;
                var runner = new JobRunner(job, deliverer, journal, events, options, clock, loggerFactory.CreateLogger("SyncConsole.Job." + job.Id), plugins);
                lock (running) running[job.Id] = (runner, Fingerprint(job));
                await runner.StartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally { gate.Release(); }
    }

    public JobStatus? GetStatus(int jobId)
    {
        lock (running) return running.TryGetValue(jobId, out var e) ? e.Runner.Status : null;
    }

    public IReadOnlyList<JobStatus> GetStatuses()
    {
        lock (running) return running.Values.Select(e => e.Runner.Status).ToList();
    }

    /// <summary>Queues a full sync of a running job (all remotes or one); false when the job or remote is not running.</summary>
    /// <param name="makeIdentical">Overwrite newer remote files too (the job's skip options left out), see
    /// <see cref="RsyncCommandBuilder.BuildFullSync"/>.</param>
    public bool RequestFullSync(int jobId, int? remoteId = null, bool makeIdentical = false)
    {
        lock (running) return running.TryGetValue(jobId, out var e) && e.Runner.RequestFullSync(remoteId, makeIdentical);
    }

    /// <summary>A delivery outside the job's loop (a fail-log retry) reached the remote; a no-op when the job is not running.</summary>
    public void ReportRemoteRecovered(int jobId, int remoteId, bool reconciled)
    {
        JobRunner? runner;
        lock (running) runner = running.TryGetValue(jobId, out var e) ? e.Runner : null;
        runner?.ReportRemoteRecovered(remoteId, reconciled);
    }

    /// <summary>Runs the held run(s) of a job (every remote or one) once without the deletion guard.</summary>
    public HeldRunAction ConfirmHeldRun(int jobId, int? remoteId = null) => HeldRunDo(jobId, remoteId, r => r.ConfirmHeldRuns(remoteId));

    /// <summary>Drops the held run(s) of a job (every remote or one); the job stays warned until a later check passes.</summary>
    public HeldRunAction CancelHeldRun(int jobId, int? remoteId = null) => HeldRunDo(jobId, remoteId, r => r.CancelHeldRuns(remoteId));

    private HeldRunAction HeldRunDo(int jobId, int? remoteId, Func<JobRunner, int> action)
    {
        if (Runner(jobId) is not { } runner || !runner.HasRemote(remoteId)) return HeldRunAction.NotRunning;
        return action(runner) > 0 ? HeldRunAction.Done : HeldRunAction.NoneHeld;
    }

    /// <summary>A fail-log retry's full sync was held by the deletion guard; a no-op when the job is not running.</summary>
    public void ReportRemoteHeld(int jobId, int remoteId, Delivery.Guard.DeletionGuardDecision decision) => Runner(jobId)?.ReportRemoteHeld(remoteId, decision);

    /// <summary>A fail-log retry to the remote failed; a no-op when the job is not running.</summary>
    public void ReportRemoteFailed(int jobId, int remoteId, Rsync.RsyncResult failed) => Runner(jobId)?.ReportRemoteFailed(remoteId, failed);

    /// <summary>The running worker's delivery target of a job and remote; null when the job does not run.</summary>
    public Delivery.DeliveryTarget? TargetOf(int jobId, int remoteId) => Runner(jobId)?.TargetOf(remoteId);

    /// <summary>An auto-heal probe of the remote answered; a no-op when the job is not running.</summary>
    public void ReportRemoteProbed(int jobId, int remoteId, Rsync.ProbeResult probe) => Runner(jobId)?.ReportRemoteProbed(remoteId, probe);

    /// <summary>Every remote of every running job, with its status.</summary>
    public IReadOnlyList<RunningRemote> GetRunningRemotes()
    {
        List<JobRunner> runners;
        lock (running) runners = running.Values.Select(e => e.Runner).ToList();
        return runners.SelectMany(r => r.Remotes).ToList();
    }

    private JobRunner? Runner(int jobId)
    {
        lock (running) return running.TryGetValue(jobId, out var e) ? e.Runner : null;
    }

    // Any edit (a remote's password included) restarts the job; the fingerprint never leaves this process.
    private static string Fingerprint(JobDefinition job) => JsonSerializer.Serialize(job);

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            List<JobRunner> runners;
            lock (running)
            {
                runners = running.Values.Select(e => e.Runner).ToList();
                running.Clear();
            }
            // All at once: each in-flight rsync gets the grace period once, not once per job before it (a bounded stop).
            await Task.WhenAll(runners.Select(r => r.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
        finally { gate.Release(); }
    }
}
