using SyncConsole.Engine.FailLog;

namespace SyncConsole.Engine.Tests.FailLog;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 120)]
    [InlineData(2, 240)]
    [InlineData(4, 960)]
    [InlineData(5, 1440)] // 1920 capped at a day
    [InlineData(500, 1440)]
    public void Delay_DoublesPerFailedRetry_UpToTheCap(int failedRetries, int expectedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), RetryBackoff.Delay(TimeSpan.FromMinutes(60), failedRetries));

    [Fact]
    public void Delay_IntervalLongerThanCap_IsTheInterval() =>
        Assert.Equal(TimeSpan.FromHours(48), RetryBackoff.Delay(TimeSpan.FromHours(48), 3));

    [Fact]
    public void NextAttemptAt_AddsTheDelayToNow()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddSeconds(8), RetryBackoff.NextAttemptAt(now, TimeSpan.FromSeconds(2), 2));
    }
}
