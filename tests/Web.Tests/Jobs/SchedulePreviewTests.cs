using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Jobs;

public sealed class SchedulePreviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 17, 30, TimeSpan.Zero);

    [Fact]
    public void NextFireTimes_Interval_IsNowPlusMultiples()
    {
        var times = SchedulePreview.NextFireTimes(90, null, Now);

        Assert.Equal([Now.AddMinutes(90), Now.AddMinutes(180), Now.AddMinutes(270)], times);
    }

    [Fact]
    public void NextFireTimes_Cron_FollowsQuartz()
    {
        var times = SchedulePreview.NextFireTimes(null, "0 0/15 * * * ?", Now);

        Assert.Equal(3, times.Count);
        Assert.All(times, t => Assert.Equal(0, t.Minute % 15));
        Assert.Equal(TimeSpan.FromMinutes(15), times[1] - times[0]);
        Assert.True(times[0] > Now && times[0] - Now <= TimeSpan.FromMinutes(15));
    }

    [Theory]
    [InlineData(null, "not a cron")]
    [InlineData(null, null)]
    [InlineData(0, null)]
    public void NextFireTimes_NoValidSchedule_IsEmpty(int? interval, string? cron) =>
        Assert.Empty(SchedulePreview.NextFireTimes(interval, cron, Now));
}
