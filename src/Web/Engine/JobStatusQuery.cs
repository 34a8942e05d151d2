using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Engine;

/// <summary>A job's live status: the engine's view when it runs, otherwise why it does not (paused, disabled).</summary>
public sealed class JobStatusQuery(IDbContextFactory<SyncConsoleDbContext> dbFactory, JobSupervisor supervisor, SystemState system)
{
    public async Task<JobStatus?> GetAsync(int jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new { j.Enabled, j.Paused }).SingleOrDefaultAsync(cancellationToken);
        if (job is null) return null;

        List<string> warnings = system.Rsync.Available ? [] : [$"rsync is not usable, so nothing can be delivered: {system.Rsync.Problem}"];
        if (!job.Enabled) return new JobStatus { JobId = jobId, State = JobState.Stopped, Reason = "The job is disabled.", Warnings = warnings };
        if (job.Paused) return new JobStatus { JobId = jobId, State = JobState.Paused, Reason = "Paused by the administrator.", Warnings = warnings };

        var live = supervisor.GetStatus(jobId) ?? new JobStatus { JobId = jobId, State = JobState.Starting };
        return live with { Warnings = warnings };
    }
}
