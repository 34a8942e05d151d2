using SyncConsole.Web.Scheduling;

namespace SyncConsole.Web.Jobs;

/// <summary>The job form's preview of when a full sync would fire next: the schedule Quartz will get, or nothing.</summary>
public static class SchedulePreview
{
    /// <summary>The next <paramref name="count"/> fire times, or an empty list when no schedule is set or it is invalid.</summary>
    public static IReadOnlyList<DateTimeOffset> NextFireTimes(int? intervalMinutes, string? cron, DateTimeOffset now, int count = 3) =>
        FullSyncSchedule.TryCreate(intervalMinutes, cron, out _)?.NextFireTimes(now, count) ?? [];
}
