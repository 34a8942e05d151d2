using Quartz;
using SyncConsole.Engine.FailLog;

namespace SyncConsole.Web.Scheduling;

/// <summary>Retries a job's due fail-log entries (sersync's failLog <c>timeToExecute</c>); one run per job at a time.</summary>
[DisallowConcurrentExecution]
public sealed class FailLogRetryJob(FailLogRetrier retrier, ILogger<FailLogRetryJob> logger) : IJob
{
    public const string Group = "faillog";
    public const string JobIdKey = "jobId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var jobId = context.MergedJobDataMap.GetInt(JobIdKey);
        var results = await retrier.RetryManyAsync(jobId, null, dueOnly: true, cancellationToken);
        if (results.Count > 0)
            logger.LogInformation("Fail-log retry of job {Job}: {Resolved} resolved, {Failed} failed again", jobId,
                results.Count(r => r.Outcome == RetryOutcome.Resolved), results.Count(r => r.Outcome == RetryOutcome.Failed));
    }
}
