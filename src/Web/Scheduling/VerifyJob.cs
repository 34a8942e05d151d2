using Microsoft.EntityFrameworkCore;
using Quartz;
using SyncConsole.Data;
using SyncConsole.Web.Verify;

namespace SyncConsole.Web.Scheduling;

/// <summary>
/// A job's scheduled verify: the same dry-run comparison as <c>POST /api/jobs/{id}/verify</c>, against every remote,
/// stored as the job's last verify result. One verify per job at a time; a paused or disabled job is not verified.
/// With the job's <c>VerifyDeep</c> it is a deep verify (<c>--checksum</c>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class VerifyJob(JobVerifier verifier, IDbContextFactory<SyncConsoleDbContext> dbFactory, ILogger<VerifyJob> logger) : IJob
{
    public const string Group = "verify";
    public const string JobIdKey = "jobId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var jobId = context.MergedJobDataMap.GetInt(JobIdKey);
        // The trigger is removed when a job is paused, but a fire may already be on its way.
        bool deep;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var job = await db.Jobs.Where(j => j.Id == jobId && j.Enabled && !j.Paused).Select(j => new { j.VerifyDeep }).SingleOrDefaultAsync(cancellationToken);
            if (job is null)
            {
                logger.LogInformation("Scheduled verify of job {Job} skipped: the job is paused, disabled or gone", jobId);
                return;
            }
            deep = job.VerifyDeep;
        }
        var results = await verifier.VerifyAsync(jobId, null, cancellationToken, deep);
        if (results is null) return;
        foreach (var result in results.Where(r => !r.InSync))
            logger.LogWarning("Scheduled verify of job {Job} against remote {Remote}: {Summary}", jobId, result.RemoteName, result.Summary);
    }
}
