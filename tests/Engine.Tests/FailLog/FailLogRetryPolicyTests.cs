using Microsoft.Extensions.Time.Testing;
using SyncConsole.Engine.FailLog;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.FailLog;

public sealed class FailLogRetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);

    private static FailLogEntrySnapshot Entry(int failedRetries, int? jobMinutes = null) => new()
    {
        Id = 1, JobId = 1, RemoteId = 1, State = FailLogState.Retrying, Paths = [new ChangedPath("a", false)],
        FailedRetries = failedRetries, JobRetryIntervalMinutes = jobMinutes,
    };

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 120)]
    [InlineData(3, 480)]
    [InlineData(5, 1440)] // 1920 capped at a day
    public void NextAttemptAfterFailedRetry_DoublesPerEarlierFailedRetry_UpToADay(int failedRetriesBefore, int expectedMinutes) =>
        Assert.Equal(Now.AddMinutes(expectedMinutes), new FailLogRetryPolicy(clock).NextAttemptAfterFailedRetry(Entry(failedRetriesBefore)));

    [Fact]
    public void NextAttemptAfterFailedRetry_FollowsTheFakeClock()
    {
        var policy = new FailLogRetryPolicy(clock, defaultIntervalMinutes: 10);
        clock.Advance(TimeSpan.FromHours(5));

        Assert.Equal(Now.AddHours(5).AddMinutes(20), policy.NextAttemptAfterFailedRetry(Entry(1)));
    }

    [Fact]
    public void IntervalFor_JobSetting_WinsOverTheDefault_AndTheSecondsOverrideWinsOverBoth()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), new FailLogRetryPolicy(clock, 60).IntervalFor(15));
        Assert.Equal(TimeSpan.FromMinutes(60), new FailLogRetryPolicy(clock, 60).IntervalFor(null));
        Assert.Equal(TimeSpan.FromSeconds(2), new FailLogRetryPolicy(clock, 60, intervalSecondsOverride: 2).IntervalFor(15));
    }
}
