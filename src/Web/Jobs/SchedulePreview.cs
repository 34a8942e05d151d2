using Quartz;

namespace SyncConsole.Web.Jobs;

/// <summary>When a job's scheduled full sync would fire next, as Quartz computes it (cron in the server's time zone, Quartz's default).</summary>
public static class SchedulePreview
{
    /// <summary>The next <paramref name="count"/> fire times, or an empty list when no schedule is set or the cron is invalid.</summary>
    public static IReadOnlyList<DateTimeOffset> NextFireTimes(int? intervalMinutes, string? cron, DateTimeOffset now, int count = 3)
    {
        var result = new List<DateTimeOffset>();
        if (!string.IsNullOrWhiteSpace(cron))
        {
            if (!CronExpression.TryParse(cron.Trim(), out var expression) || expression is null) return result;
            var after = now;
            while (result.Count < count && expression.GetNextValidTimeAfter(after) is { } next)
            {
                result.Add(next);
                after = next;
            }
            return result;
        }
        if (intervalMinutes is > 0)
            for (var k = 1; k <= count; k++) result.Add(now.AddMinutes(intervalMinutes.Value * k));
        return result;
    }
}
