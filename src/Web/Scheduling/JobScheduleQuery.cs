using Microsoft.EntityFrameworkCore;
using Quartz;
using SyncConsole.Data;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Scheduling;

/// <summary>
/// When a job's periodic full sync, scheduled verify and fail-log retry fire next, read from the live Quartz triggers
/// (a paused job has none, so it shows a fresh full-sync schedule and no verify or retry).
/// </summary>
public sealed class JobScheduleQuery(
    IDbContextFactory<SyncConsoleDbContext> dbFactory,
    ISchedulerFactory schedulers,
    FailLogRetryPolicy retryPolicy,
    VerifyInterval verifyInterval,
    TimeProvider clock)
{
    /// <summary>How many fire times each list shows.</summary>
    public const int Count = 5;

    /// <summary>The job's schedule; null when the job does not exist.</summary>
    public async Task<ScheduleResponse?> ForJobAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null) return null;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var schedule = FullSyncSchedule.TryCreate(job.FullSyncIntervalMinutes, job.FullSyncCron, out _);
        IReadOnlyList<DateTimeOffset> times = [];
        if (schedule is not null)
        {
            // The live trigger knows where an interval is anchored; without one (paused job) show a fresh schedule.
            var next = await NextFireAsync(scheduler, QuartzScheduleSync.FullSyncKey(id), cancellationToken);
            times = next is { } n && schedule.Interval is { } interval
                ? [n, .. schedule.NextFireTimes(n, Count - 1, anchor: n - interval)]
                : schedule.NextFireTimes(clock.GetUtcNow(), Count);
        }
        // Only the live trigger: a paused or disabled job is not verified, so it has no next verify.
        IReadOnlyList<DateTimeOffset> verifyTimes = [];
        if (job.VerifyIntervalMinutes is { } verifyMinutes
            && await NextFireAsync(scheduler, QuartzScheduleSync.VerifyKey(id), cancellationToken) is { } nextVerify)
        {
            var every = verifyInterval.For(verifyMinutes);
            verifyTimes = Enumerable.Range(0, Count).Select(i => nextVerify + every * i).ToList();
        }
        return new ScheduleResponse
        {
            Description = schedule?.Description, IntervalMinutes = job.FullSyncIntervalMinutes, Cron = job.FullSyncCron,
            NextFireTimes = times, RetryIntervalMinutes = retryPolicy.IntervalFor(job.RetryIntervalMinutes).TotalMinutes,
            NextRetryAt = await NextFireAsync(scheduler, QuartzScheduleSync.RetryKey(id), cancellationToken),
            VerifyIntervalMinutes = job.VerifyIntervalMinutes, NextVerifyTimes = verifyTimes,
        };
    }

    private static async Task<DateTimeOffset?> NextFireAsync(IScheduler scheduler, JobKey key, CancellationToken cancellationToken) =>
        (await scheduler.GetTrigger(new TriggerKey(key.Name, key.Group), cancellationToken))?.NextFireTimeUtc;
}
