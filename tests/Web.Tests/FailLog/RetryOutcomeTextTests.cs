using SyncConsole.Data.Entities;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.FailLog;

namespace SyncConsole.Web.Tests.FailLog;

/// <summary>The plain words the Fail log page puts in its snackbar.</summary>
public sealed class RetryOutcomeTextTests
{
    private static FailLogRetryResponse Result(RetryOutcome outcome, string? message = null) =>
        new() { Id = 1, Outcome = outcome, State = FailLogState.Pending, Message = message };

    [Fact]
    public void Describe_Resolved_SaysDelivered() =>
        Assert.Equal("Retry succeeded: the paths were delivered.", RetryOutcomeText.Describe(Result(RetryOutcome.Resolved)));

    [Fact]
    public void Describe_FailedAgain_CarriesTheReason() =>
        Assert.Equal("The retry failed: error in socket I/O.", RetryOutcomeText.Describe(Result(RetryOutcome.Failed, "failed again (error in socket I/O)")));

    [Fact]
    public void Describe_FailedAgain_ReadsNaturally_WithTheLocalDateFormat()
    {
        var next = new DateTimeOffset(2026, 12, 7, 21, 40, 5, TimeSpan.Zero);
        var text = RetryOutcomeText.Describe(Result(RetryOutcome.Failed, $"failed again (error in socket I/O); next attempt at {next:O}") with { NextAttemptAt = next });
        Assert.Equal($"The retry failed: error in socket I/O. Next attempt: {SyncConsole.Web.Components.Shared.Format.Time(next)}.", text);
        Assert.DoesNotContain("failed again", text);
        Assert.DoesNotContain("T21:40", text);
    }

    [Fact]
    public void Time_IsLocalWithTheZone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("test+1", TimeSpan.FromHours(1), "test+1", "test+1");
        Assert.Equal("2026-12-07 21:40:05 UTC+01:00", SyncConsole.Web.Components.Shared.Format.Time(new DateTimeOffset(2026, 12, 7, 20, 40, 5, TimeSpan.Zero), zone));
        var west = TimeZoneInfo.CreateCustomTimeZone("test-5", TimeSpan.FromHours(-5.5), "test-5", "test-5");
        Assert.Equal("2026-12-07 15:10:05 UTC-05:30", SyncConsole.Web.Components.Shared.Format.Time(new DateTimeOffset(2026, 12, 7, 20, 40, 5, TimeSpan.Zero), west));
    }

    [Fact]
    public void Describe_Skipped_SaysNothingWasDoneAndWhy() =>
        Assert.Equal("Nothing done: Job 'x' is paused.", RetryOutcomeText.Describe(Result(RetryOutcome.Skipped, "Job 'x' is paused.")));

    [Fact]
    public void Summarize_Mixed_CountsEachOutcome() =>
        Assert.Equal("Retried 3 entries: 1 resolved, 1 failed again, 1 skipped.",
            RetryOutcomeText.Summarize([Result(RetryOutcome.Resolved), Result(RetryOutcome.Failed), Result(RetryOutcome.Skipped)]));

    [Fact]
    public void Summarize_Nothing_SaysNothingMatched() =>
        Assert.StartsWith("Nothing to retry", RetryOutcomeText.Summarize([]));
}
