using Quartz;

namespace SyncConsole.Web.Scheduling;

/// <summary>
/// A job's periodic full sync (sersync's crontab <c>schedule</c> in minutes, or a Quartz cron expression), as
/// pure math: the next fire times after a given instant. The Quartz triggers are built from the same values.
/// </summary>
public sealed class FullSyncSchedule
{
    private readonly CronExpression? cron;

    private FullSyncSchedule(TimeSpan? interval, CronExpression? cron, string description)
    {
        Interval = interval;
        this.cron = cron;
        Description = description;
    }

    /// <summary>Set for an interval schedule: the first run is one interval after the schedule is (re)built.</summary>
    public TimeSpan? Interval { get; }
    public string? CronExpression => cron?.CronExpressionString;
    public string Description { get; }

    /// <summary>
    /// Null schedule and null error when neither is given; an error naming the problem when the values are unusable.
    /// Cron expressions are read in the server's local time zone, as Quartz's cron triggers do by default.
    /// </summary>
    public static FullSyncSchedule? TryCreate(int? intervalMinutes, string? cronExpression, out string? error, TimeZoneInfo? zone = null)
    {
        error = null;
        var hasCron = !string.IsNullOrWhiteSpace(cronExpression);
        if (intervalMinutes is not null && hasCron)
        {
            error = "Give either a full-sync interval or a cron expression, not both.";
            return null;
        }
        if (intervalMinutes is not null)
        {
            if (intervalMinutes < 1) { error = "The full-sync interval must be at least 1 minute."; return null; }
            return new FullSyncSchedule(TimeSpan.FromMinutes(intervalMinutes.Value), null, $"every {intervalMinutes} minute(s)");
        }
        if (!hasCron) return null;
        try
        {
            var expression = new CronExpression(cronExpression!.Trim(), zone ?? TimeZoneInfo.Local);
            // A valid expression can still never fire (e.g. 30 February); such a schedule is a mistake.
            if (expression.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null)
            {
                error = "The cron expression never fires.";
                return null;
            }
            return new FullSyncSchedule(null, expression, $"cron '{expression.CronExpressionString}'");
        }
        catch (FormatException e)
        {
            error = $"Invalid Quartz cron expression: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> fire times strictly after <paramref name="after"/>. For an interval,
    /// <paramref name="anchor"/> is when the trigger started (defaults to <paramref name="after"/>, i.e. a fresh schedule).
    /// </summary>
    public IReadOnlyList<DateTimeOffset> NextFireTimes(DateTimeOffset after, int count, DateTimeOffset? anchor = null)
    {
        var times = new List<DateTimeOffset>(count);
        if (Interval is { } interval)
        {
            var start = anchor ?? after;
            var next = start + interval;
            if (next <= after)
            {
                var skipped = (long)Math.Floor((after - start).Ticks / (double)interval.Ticks);
                next = start + TimeSpan.FromTicks(interval.Ticks * (skipped + 1));
                if (next <= after) next += interval;
            }
            for (var i = 0; i < count; i++, next += interval) times.Add(next);
            return times;
        }
        var at = after;
        for (var i = 0; i < count; i++)
        {
            if (cron!.GetNextValidTimeAfter(at) is not { } fire) break;
            times.Add(fire);
            at = fire;
        }
        return times;
    }

    /// <summary>The Quartz schedule for this full sync: a missed slot (host busy or paused) runs once, not once per slot.</summary>
    internal IScheduleBuilder ToQuartzSchedule() => Interval is { } interval
        ? SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)
        : CronScheduleBuilder.Create(cron!.CronExpressionString).InTimeZone(cron.TimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed);
}
