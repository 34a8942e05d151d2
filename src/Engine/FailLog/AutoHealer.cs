using Microsoft.Extensions.Logging;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;

namespace SyncConsole.Engine.FailLog;

/// <summary>
/// Auto-heal: a remote of a running job with undelivered failures (or whose last run failed) is probed cheaply
/// (<see cref="RemoteProbe.ReachAsync"/>) with backoff, from <see cref="AutoHealOptions.FirstProbeDelay"/> doubling up to
/// the retry interval; the moment it answers, its fail log is retried and the job reconciles, with no click and no new
/// write. A remote nothing has tried yet (reachability unknown) is probed once, so its status can tell.
/// </summary>
public sealed class AutoHealer(
    JobSupervisor supervisor,
    IFailLog failLog,
    FailLogRetrier retrier,
    RemoteProbe probe,
    AutoHealOptions options,
    ILogger<AutoHealer> logger)
{
    private readonly Dictionary<(int Job, int Remote), ProbeBackoff> schedules = [];
    private TimeProvider Clock => retrier.Policy.Clock;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try { await HealOnceAsync(cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Auto-heal pass failed; trying again");
            }
            try { await Task.Delay(options.Tick, Clock, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>When the remote's next probe is due; null when it is not being watched.</summary>
    public DateTimeOffset? NextProbeAt(int jobId, int remoteId)
    {
        lock (schedules) return schedules.TryGetValue((jobId, remoteId), out var s) ? s.Next : null;
    }

    /// <summary>One pass over the running remotes: probes those due, retries and reconciles those that answer.</summary>
    public async Task HealOnceAsync(CancellationToken cancellationToken)
    {
        var remotes = supervisor.GetRunningRemotes();
        var undelivered = (await failLog.UndeliveredAsync(remotes.Select(r => r.Job.Id).Distinct().ToList(), cancellationToken).ConfigureAwait(false))
            .Select(u => (u.JobId, u.RemoteId)).ToHashSet();
        lock (schedules)
            foreach (var gone in schedules.Keys.Where(k => !remotes.Any(r => (r.Job.Id, r.Remote.Id) == k)).ToList()) schedules.Remove(gone);

        var due = new List<(RunningRemote Remote, bool Troubled, ProbeBackoff Schedule)>();
        lock (schedules)
        {
            var now = Clock.GetUtcNow();
            foreach (var running in remotes)
            {
                var key = (running.Job.Id, running.Remote.Id);
                var status = running.Status;
                var troubled = undelivered.Contains(key) || status.Reachability == Reachability.Unreachable || status.LastRunFailed;
                if (!troubled && status.Reachability != Reachability.Unknown)
                {
                    schedules.Remove(key);
                    continue;
                }
                if (!schedules.TryGetValue(key, out var schedule))
                    schedules[key] = schedule = new ProbeBackoff(troubled ? now + options.FirstProbeDelay : now, options.FirstProbeDelay);
                // A run in flight will tell soon enough; do not compete with it.
                if (schedule.IsDue(now) && !status.Busy) due.Add((running, troubled, schedule));
            }
        }
        // Remotes are probed side by side: one that times out must not delay another's recovery.
        await Task.WhenAll(due.Select(d => HealAsync(d.Remote, d.Troubled, d.Schedule, cancellationToken))).ConfigureAwait(false);
    }

    private async Task HealAsync(RunningRemote running, bool troubled, ProbeBackoff schedule, CancellationToken cancellationToken)
    {
        var (job, remote, _) = running;
        var answer = await probe.ReachAsync(remote, cancellationToken).ConfigureAwait(false);
        supervisor.ReportRemoteProbed(job.Id, remote.Id, answer);
        var healed = answer.Succeeded;
        if (healed && troubled)
        {
            logger.LogInformation("Remote {Remote} of job {Job} answers again; retrying its fail log", remote.Name, job.Name);
            var results = await retrier.RetryManyAsync(job.Id, remote.Id, dueOnly: false, cancellationToken).ConfigureAwait(false);
            // Reached, but the retry still fails (e.g. permissions): keep backing off instead of retrying every tick.
            healed = results.All(r => r.Outcome != RetryOutcome.Failed);
            if (healed) supervisor.ReportRemoteRecovered(job.Id, remote.Id, reconciled: false);
        }
        lock (schedules)
        {
            if (healed) schedules.Remove((job.Id, remote.Id));
            else schedule.Failed(Clock.GetUtcNow(), options.MaxProbeDelay ?? retrier.Policy.IntervalFor(null));
        }
    }
}
