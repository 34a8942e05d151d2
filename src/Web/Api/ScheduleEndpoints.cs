using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Scheduling;
using SyncConsole.Web.Validation;

namespace SyncConsole.Web.Api;

/// <summary>When a job's periodic full sync, scheduled verify and fail-log retry fire; a preview for an expression not saved yet.</summary>
public static class ScheduleEndpoints
{
    private const int Count = JobScheduleQuery.Count;

    public static IEndpointRouteBuilder MapScheduleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/jobs/{id:int}/schedule", async Task<Results<Ok<ScheduleResponse>, NotFound>> (int id, JobScheduleQuery schedules, CancellationToken ct) =>
            await schedules.ForJobAsync(id, ct) is { } schedule ? TypedResults.Ok(schedule) : TypedResults.NotFound())
            .RequireAuthorization().WithTags("Jobs");

        endpoints.MapGet("/api/schedule/preview", Results<Ok<ScheduleResponse>, ValidationProblem> (string? cron, int? intervalMinutes, TimeProvider clock) =>
        {
            var errors = new ValidationErrors();
            FullSyncSchedule? schedule = null;
            if (string.IsNullOrWhiteSpace(cron) && intervalMinutes is null) errors.Add("cron", "Give a cron expression or an interval in minutes.");
            else if ((schedule = FullSyncSchedule.TryCreate(intervalMinutes, cron, out var error)) is null)
                errors.Add(string.IsNullOrWhiteSpace(cron) ? "intervalMinutes" : "cron", error!);
            if (schedule is null) return TypedResults.ValidationProblem(errors.ToDictionary());
            return TypedResults.Ok(new ScheduleResponse
            {
                Description = schedule.Description, IntervalMinutes = intervalMinutes, Cron = schedule.CronExpression,
                NextFireTimes = schedule.NextFireTimes(clock.GetUtcNow(), Count),
            });
        }).RequireAuthorization().WithTags("Jobs");

        return endpoints;
    }
}
