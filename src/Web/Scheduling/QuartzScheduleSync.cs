using Microsoft.EntityFrameworkCore;
using Quartz;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Scheduling;

/// <summary>
/// Keeps Quartz's triggers equal to what SQLite says (SQLite is the truth, Quartz keeps them in RAM): one full-sync
/// trigger per job with a schedule, one verify trigger per job with a verify interval and one fail-log retry trigger
/// per job, for enabled, unpaused jobs. Rebuilt at
/// start-up and on every job change; a trigger whose definition did not change is left alone, so editing one job
/// does not reset the others' intervals.
/// </summary>
public sealed class QuartzScheduleSync(
    ISchedulerFactory schedulers,
    IDbContextFactory<SyncConsoleDbContext> dbFactory,
    JobChangeNotifier notifier,
    FailLogRetryPolicy retryPolicy,
    IFailLog failLog,
    TimeProvider clock,
    VerifyInterval verifyInterval,
    ILogger<QuartzScheduleSync> logger) : BackgroundService
{
    private readonly SemaphoreSlim changed = new(0);
    private readonly Dictionary<JobKey, string> scheduled = [];

    public static JobKey FullSyncKey(int jobId) => new($"job-{jobId}", FullSyncJob.Group);
    public static JobKey RetryKey(int jobId) => new($"job-{jobId}", FailLogRetryJob.Group);
    public static JobKey VerifyKey(int jobId) => new($"job-{jobId}", VerifyJob.Group);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        notifier.JobsChanged += OnJobsChanged;
        try
        {
            await ReleaseStuckRetriesAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                while (changed.CurrentCount > 0) await changed.WaitAsync(stoppingToken);
                try { await SyncAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Could not rebuild the schedules; retrying on the next change");
                }
                await changed.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally { notifier.JobsChanged -= OnJobsChanged; }
    }

    /// <summary>A host that died mid-retry leaves entries claimed; nothing else can be retrying them now.</summary>
    private Task ReleaseStuckRetriesAsync(CancellationToken cancellationToken) => failLog.ReleaseStuckClaimsAsync(cancellationToken);

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        List<SyncJob> jobs;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            jobs = await db.Jobs.AsNoTracking().Where(j => j.Enabled && !j.Paused).ToListAsync(cancellationToken);

        var wanted = new Dictionary<JobKey, (string Fingerprint, Func<IJobDetail> Job, Func<ITrigger> Trigger)>();
        var now = clock.GetUtcNow();
        foreach (var job in jobs)
        {
            var jobId = job.Id;
            var schedule = FullSyncSchedule.TryCreate(job.FullSyncIntervalMinutes, job.FullSyncCron, out var error);
            if (error is not null) logger.LogWarning("Job {Job} has an unusable full-sync schedule: {Error}", job.Name, error);
            if (schedule is not null)
            {
                var key = FullSyncKey(jobId);
                wanted[key] = (schedule.Description, () => JobBuilder.Create<FullSyncJob>().WithIdentity(key).UsingJobData(FullSyncJob.JobIdKey, jobId).Build(),
                    () => TriggerBuilder.Create().WithIdentity(key.Name, key.Group).ForJob(key)
                        .StartAt(schedule.Interval is { } i ? now + i : now).WithSchedule(schedule.ToQuartzSchedule()).Build());
            }
            if (job.VerifyIntervalMinutes is { } verifyMinutes)
            {
                var verifyKey = VerifyKey(jobId);
                var every = verifyInterval.For(verifyMinutes);
                // A missed slot (host busy) verifies once now, not once per missed slot.
                wanted[verifyKey] = (every.ToString(), () => JobBuilder.Create<VerifyJob>().WithIdentity(verifyKey).UsingJobData(VerifyJob.JobIdKey, jobId).Build(),
                    () => TriggerBuilder.Create().WithIdentity(verifyKey.Name, verifyKey.Group).ForJob(verifyKey).StartAt(now + every)
                        .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(every).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount)).Build());
            }
            var interval = retryPolicy.IntervalFor(job.RetryIntervalMinutes);
            var retryKey = RetryKey(jobId);
            wanted[retryKey] = (interval.ToString(), () => JobBuilder.Create<FailLogRetryJob>().WithIdentity(retryKey).UsingJobData(FailLogRetryJob.JobIdKey, jobId).Build(),
                () => TriggerBuilder.Create().WithIdentity(retryKey.Name, retryKey.Group).ForJob(retryKey).StartAt(now + interval)
                    .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build());
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var (key, _) in scheduled.Where(s => !wanted.TryGetValue(s.Key, out var w) || w.Fingerprint != s.Value).ToList())
        {
            await scheduler.DeleteJob(key, cancellationToken);
            scheduled.Remove(key);
        }
        foreach (var (key, want) in wanted)
        {
            if (scheduled.ContainsKey(key)) continue;
            await scheduler.ScheduleJob(want.Job(), want.Trigger(), new ScheduleJobOptions { Replace = true }, cancellationToken);
            scheduled[key] = want.Fingerprint;
        }
    }

    private void OnJobsChanged(object? sender, EventArgs e) => changed.Release();
}
