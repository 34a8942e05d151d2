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
    public async Task<JobStatusResponse?> GetAsync(int jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new { j.Enabled, j.Paused }).SingleOrDefaultAsync(cancellationToken);
        if (job is null) return null;

        var verify = await verifier.LastAsync(jobId, withDifferences: false, cancellationToken);
        List<string> warnings = system.Rsync.Available ? [] : [$"rsync is not usable, so nothing can be delivered: {system.Rsync.Problem}"];
        if (!job.Enabled) return new JobStatusResponse { JobId = jobId, State = JobState.Stopped, Reason = "The job is disabled.", Warnings = warnings, Verify = verify };
        if (job.Paused) return new JobStatusResponse { JobId = jobId, State = JobState.Paused, Reason = "Paused by the administrator.", Warnings = warnings, Verify = verify };

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
