using SyncConsole.Web.Scheduling;

namespace SyncConsole.Web.Tests.Scheduling;

/// <summary>The schedule math on a fixed clock: no sleeps, no scheduler.</summary>
public sealed class FullSyncScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 17, 30, TimeSpan.Zero);

    [Fact]
    public void NextFireTimes_Interval_AreOneIntervalApartFromNow()
    {
        var schedule = FullSyncSchedule.TryCreate(600, null, out var error)!;

        Assert.Null(error);
        Assert.Equal([Now.AddMinutes(600), Now.AddMinutes(1200), Now.AddMinutes(1800)], schedule.NextFireTimes(Now, 3));
    }

    [Fact]
    public void NextFireTimes_IntervalWithPastAnchor_ContinueTheAnchoredGrid()
    {
        var schedule = FullSyncSchedule.TryCreate(60, null, out _)!;
        var anchor = Now.AddMinutes(-150); // fired at -90 and -30; next at +30

        Assert.Equal([Now.AddMinutes(30), Now.AddMinutes(90)], schedule.NextFireTimes(Now, 2, anchor));
    }

    [Fact]
    public void NextFireTimes_Cron_FollowTheExpressionInTheGivenZone()
    {
        var schedule = FullSyncSchedule.TryCreate(null, "0 30 2 * * ?", out var error, TimeZoneInfo.Utc)!;

        Assert.Null(error);
        var times = schedule.NextFireTimes(Now, 5);
        Assert.Equal(5, times.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 2, 30, 0, TimeSpan.Zero), times[0]);
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(TimeSpan.FromDays(1), p.Second - p.First));
    }

    [Fact]
    public void NextFireTimes_CronEveryFifteenMinutes_StrictlyAfterNow()
    {
        var schedule = FullSyncSchedule.TryCreate(null, "0 0/15 * * * ?", out _, TimeZoneInfo.Utc)!;

        var times = schedule.NextFireTimes(Now, 3);

        Assert.Equal([Now.Date.AddHours(10).AddMinutes(30), Now.Date.AddHours(10).AddMinutes(45), Now.Date.AddHours(11)],
            times.Select(t => t.UtcDateTime).ToList());
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(0, null, "at least 1 minute")]
    [InlineData(10, "0 0 * * * ?", "not both")]
    [InlineData(null, "every tuesday", "Invalid Quartz cron expression")]
    [InlineData(null, "0 0 0 30 2 ?", "never fires")]
    public void TryCreate_BadOrMissingValues_ReturnNullWithTheReason(int? minutes, string? cron, string? expected)
    {
        var schedule = FullSyncSchedule.TryCreate(minutes, cron, out var error);

        Assert.Null(schedule);
        if (expected is null) Assert.Null(error);
        else Assert.Contains(expected, error);
    }
}
