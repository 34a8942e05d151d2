using Quartz;
using SyncConsole.Engine.Running;

namespace SyncConsole.Web.Scheduling;

/// <summary>
/// A job's periodic full sync (sersync's crontab). It only queues the sync in each remote's own delivery loop,
/// which runs one thing at a time: a trigger that fires while a full sync is still running or queued adds
/// nothing, so overlapping triggers never run two full syncs of one job and remote at once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FullSyncJob(JobSupervisor supervisor, ILogger<FullSyncJob> logger) : IJob
{
    public const string Group = "fullsync";
    public const string JobIdKey = "jobId";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var jobId = context.MergedJobDataMap.GetInt(JobIdKey);
        if (!supervisor.RequestFullSync(jobId))
            logger.LogInformation("Scheduled full sync of job {Job} skipped: the job is not running", jobId);
        return ValueTask.CompletedTask;
    }
}
