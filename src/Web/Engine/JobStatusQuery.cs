using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Glance;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Verify;

namespace SyncConsole.Web.Engine;

/// <summary>
/// A job's status: the engine's live view per remote (reachability, coalescer) joined with the fail log's undelivered
/// paths and the last verify, and the health that follows; for a job that does not run, why not (paused, disabled).
/// The one source of the status for the API, the dashboard and <c>/metrics</c>.
/// </summary>
public sealed class JobStatusQuery(IDbContextFactory<SyncConsoleDbContext> dbFactory, JobSupervisor supervisor, SystemState system, JobVerifier verifier,
    IFailLog failLog, AutoHealer healer, TimeProvider clock)
{
    public async Task<JobStatusResponse?> GetAsync(int jobId, CancellationToken cancellationToken) =>
        (await GetManyAsync([jobId], cancellationToken)).GetValueOrDefault(jobId);

    /// <summary>Several jobs' statuses with a few queries in all (the dashboard refreshes every card at once); unknown ids are left out.</summary>
    public async Task<IReadOnlyDictionary<int, JobStatusResponse>> GetManyAsync(IReadOnlyCollection<int> jobIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id))
            .Select(j => new JobRow(j.Id, j.Enabled, j.Paused, j.PluginOnly, j.InitialFullSync || j.ReconcileAfterTrouble)).ToListAsync(cancellationToken);
        var verifies = await verifier.LastAsync(jobIds, withDifferences: false, cancellationToken);
        var undelivered = (await failLog.UndeliveredAsync(jobIds, cancellationToken)).ToDictionary(u => (u.JobId, u.RemoteId));
        var links = await DestinationConflicts.LoadAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        return jobs.ToDictionary(j => j.Id, j => WithGlance(Status(j, [.. verifies[j.Id]], undelivered, DestinationConflicts.Warnings(j.Id, links), now), j.PluginOnly));
    }

    // The one-glance words are decided here once, from the finished status, for every reader of it.
    private static JobStatusResponse WithGlance(JobStatusResponse status, bool pluginOnly)
    {
        var remotes = status.Remotes.Select(r =>
        {
            var g = SyncGlanceRules.ForRemote(status.State, r);
            return r with { SyncState = g.State, SyncStateText = g.Text };
        }).ToList();
        var job = SyncGlanceRules.ForJob(status with { Remotes = remotes }, pluginOnly);
        return status with { Remotes = remotes, SyncState = job.State, SyncStateText = job.Text, SyncStateDetail = job.Detail };
    }

    private sealed record JobRow(int Id, bool Enabled, bool Paused, bool PluginOnly, bool ReconcilesOnStart);

    private JobStatusResponse Status(JobRow job, IReadOnlyList<VerifyResultResponse> verify,
        IReadOnlyDictionary<(int, int), UndeliveredSummary> undelivered, IReadOnlyList<string> overlaps, DateTimeOffset now)
    {
        List<string> warnings = system.Rsync.Available ? [] : [$"rsync is not usable, so nothing can be delivered: {system.Rsync.Problem}"];
        warnings.AddRange(overlaps);
        if (!job.Enabled) return new JobStatusResponse { JobId = job.Id, State = JobState.Stopped, Reason = "The job is disabled.", Warnings = warnings, Verify = verify };
        if (job.Paused) return new JobStatusResponse { JobId = job.Id, State = JobState.Paused, Reason = "Paused by the administrator.", Warnings = warnings, Verify = verify };

        var live = supervisor.GetStatus(job.Id);
        if (live is null) return new JobStatusResponse { JobId = job.Id, State = JobState.Starting, Warnings = warnings, Verify = verify };
        var remotes = live.Remotes.Select(r => Remote(job.Id, r, undelivered.GetValueOrDefault((job.Id, r.RemoteId)), verify.FirstOrDefault(v => v.RemoteId == r.RemoteId), now)).ToList();
        var (health, reasons) = JobHealthRules.Evaluate(live.State, live.Reason, job.PluginOnly, job.ReconcilesOnStart, remotes, overlaps);
        return new JobStatusResponse
        {
            JobId = job.Id, State = live.State, Reason = live.Reason, WatchedFolders = live.WatchedFolders,
            EventsSeen = live.EventsSeen, Remotes = remotes, Warnings = warnings, Verify = verify, Health = health, HealthReasons = reasons,
        };
    }

    private RemoteStatusResponse Remote(int jobId, RemoteStatus r, UndeliveredSummary? failed, VerifyResultResponse? verify, DateTimeOffset now)
    {
        DateTimeOffset? oldest = (r.OldestPendingSince, failed?.OldestFailureAt) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
        return new RemoteStatusResponse
        {
            RemoteId = r.RemoteId, Name = r.Name, Reachability = r.Reachability, UnreachableSince = r.UnreachableSince,
            UnreachableReason = r.UnreachableReason, LastContactAt = r.LastContactAt, LastCheckedAt = r.LastCheckedAt,
            NextProbeAt = healer.NextProbeAt(jobId, r.RemoteId), Busy = r.Busy, PendingPaths = r.PendingPaths,
            FailLogPaths = failed?.Paths ?? 0, FullSyncPending = failed?.FullSync ?? false, OldestUndeliveredAt = oldest,
            OldestUndeliveredSeconds = oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0, OldestPendingSince = r.OldestPendingSince,
            LastDeliveryAt = r.LastDeliveryAt, LastFullSyncAt = r.LastFullSyncAt, LastRunFailed = r.LastRunFailed, LastError = r.LastError,
            DeliveredPaths = r.DeliveredPaths, DeliveredBytes = r.DeliveredBytes, LastVerify = verify,
            HeldRun = HeldRunResponse.From(r.HeldRun), DeletionWarning = r.DeletionWarning,
            SettingsProblem = r.SettingsProblem, Progress = ProgressResponse.From(r.Progress),
        };
    }
}
