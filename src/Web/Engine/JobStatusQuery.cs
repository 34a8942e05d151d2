using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Verify;

namespace SyncConsole.Web.Engine;

/// <summary>A job's live status: the engine's view when it runs, otherwise why it does not (paused, disabled).</summary>
public sealed class JobStatusQuery(IDbContextFactory<SyncConsoleDbContext> dbFactory, JobSupervisor supervisor, SystemState system, JobVerifier verifier)
{
    public async Task<JobStatusResponse?> GetAsync(int jobId, CancellationToken cancellationToken) =>
        (await GetManyAsync([jobId], cancellationToken)).GetValueOrDefault(jobId);

    /// <summary>Several jobs' statuses with two queries in all (the dashboard refreshes every card at once); unknown ids are left out.</summary>
    public async Task<IReadOnlyDictionary<int, JobStatusResponse>> GetManyAsync(IReadOnlyCollection<int> jobIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id))
            .Select(j => new { j.Id, j.Enabled, j.Paused }).ToListAsync(cancellationToken);
        var verifies = await verifier.LastAsync(jobIds, withDifferences: false, cancellationToken);
        return jobs.ToDictionary(j => j.Id, j => Status(j.Id, j.Enabled, j.Paused, [.. verifies[j.Id]]));
    }

    private JobStatusResponse Status(int jobId, bool enabled, bool paused, IReadOnlyList<VerifyResultResponse> verify)
    {
        List<string> warnings = system.Rsync.Available ? [] : [$"rsync is not usable, so nothing can be delivered: {system.Rsync.Problem}"];
        if (!enabled) return new JobStatusResponse { JobId = jobId, State = JobState.Stopped, Reason = "The job is disabled.", Warnings = warnings, Verify = verify };
        if (paused) return new JobStatusResponse { JobId = jobId, State = JobState.Paused, Reason = "Paused by the administrator.", Warnings = warnings, Verify = verify };

        var live = supervisor.GetStatus(jobId);
        return live is null
            ? new JobStatusResponse { JobId = jobId, State = JobState.Starting, Warnings = warnings, Verify = verify }
            : new JobStatusResponse
            {
                JobId = jobId, State = live.State, Reason = live.Reason, WatchedFolders = live.WatchedFolders,
                EventsSeen = live.EventsSeen, Remotes = live.Remotes, Warnings = warnings, Verify = verify,
            };
    }
}
