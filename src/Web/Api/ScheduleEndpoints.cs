using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using SyncConsole.Data;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Scheduling;

namespace SyncConsole.Web.Api;

/// <summary>When a job's periodic full sync, scheduled verify and fail-log retry fire; a preview for an expression not saved yet.</summary>
public static class ScheduleEndpoints
{
    private const int Count = 5;

    public static IEndpointRouteBuilder MapScheduleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/jobs/{id:int}/schedule", async Task<Results<Ok<ScheduleResponse>, NotFound>> (int id,
            IDbContextFactory<SyncConsoleDbContext> dbFactory, ISchedulerFactory schedulers, FailLogRetryPolicy retryPolicy, IOptions<SyncConsoleOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct);
            if (job is null) return TypedResults.NotFound();
            var now = clock.GetUtcNow();
            var scheduler = await schedulers.GetScheduler(ct);
            var schedule = FullSyncSchedule.TryCreate(job.FullSyncIntervalMinutes, job.FullSyncCron, out _);
            IReadOnlyList<DateTimeOffset> times = [];
            if (schedule is not null)
            {
                // The live trigger knows where an interval is anchored; without one (paused job) show a fresh schedule.
                var key = QuartzScheduleSync.FullSyncKey(id);
                var next = (await scheduler.GetTrigger(new TriggerKey(key.Name, key.Group), ct))?.NextFireTimeUtc;
                times = next is { } n && schedule.Interval is { } interval
                    ? [n, .. schedule.NextFireTimes(n, Count - 1, anchor: n - interval)]
                    : schedule.NextFireTimes(now, Count);
            }
            var retryKey = QuartzScheduleSync.RetryKey(id);
            var nextRetry = (await scheduler.GetTrigger(new TriggerKey(retryKey.Name, retryKey.Group), ct))?.NextFireTimeUtc;
            // Only the live trigger: a paused or disabled job is not verified, so it has no next verify.
            IReadOnlyList<DateTimeOffset> verifyTimes = [];
            var verifyKey = QuartzScheduleSync.VerifyKey(id);
            if (job.VerifyIntervalMinutes is { } verifyMinutes
                && (await scheduler.GetTrigger(new TriggerKey(verifyKey.Name, verifyKey.Group), ct))?.NextFireTimeUtc is { } nextVerify)
            {
                var every = VerifyJob.IntervalFor(verifyMinutes, options.Value);
                verifyTimes = Enumerable.Range(0, Count).Select(i => nextVerify + every * i).ToList();
            }
            return TypedResults.Ok(new ScheduleResponse
            {
                Description = schedule?.Description, IntervalMinutes = job.FullSyncIntervalMinutes, Cron = job.FullSyncCron,
                NextFireTimes = times, RetryIntervalMinutes = retryPolicy.IntervalFor(job.RetryIntervalMinutes).TotalMinutes, NextRetryAt = nextRetry,
                VerifyIntervalMinutes = job.VerifyIntervalMinutes, NextVerifyTimes = verifyTimes,
            });
        }).RequireAuthorization().WithTags("Jobs");

        endpoints.MapGet("/api/schedule/preview", Results<Ok<ScheduleResponse>, ValidationProblem> (string? cron, int? intervalMinutes, TimeProvider clock) =>
        {
            if (string.IsNullOrWhiteSpace(cron) && intervalMinutes is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cron"] = ["Give a cron expression or an interval in minutes."] });
            var schedule = FullSyncSchedule.TryCreate(intervalMinutes, cron, out var error);
            if (schedule is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [string.IsNullOrWhiteSpace(cron) ? "intervalMinutes" : "cron"] = [error!] });
            return TypedResults.Ok(new ScheduleResponse
            {
                Description = schedule.Description, IntervalMinutes = intervalMinutes, Cron = schedule.CronExpression,
                NextFireTimes = schedule.NextFireTimes(clock.GetUtcNow(), Count),
            });
        }).RequireAuthorization().WithTags("Jobs");

        return endpoints;
    }
}
