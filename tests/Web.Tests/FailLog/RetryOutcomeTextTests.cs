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
        Assert.Equal("Retry failed again: failed again (error in socket I/O)", RetryOutcomeText.Describe(Result(RetryOutcome.Failed, "failed again (error in socket I/O)")));

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
