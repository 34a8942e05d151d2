using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.FailLog;

/// <summary>The plain-words snackbar line for what a retry (or discard, or retry all) did.</summary>
public static class RetryOutcomeText
{
    public static string Describe(FailLogRetryResponse result) => result.Outcome switch
    {
        RetryOutcome.Resolved => result.Message is null ? "Retry succeeded: the paths were delivered." : $"Resolved: {result.Message}",
        RetryOutcome.Failed => FailedAgain(result),
        RetryOutcome.Discarded => result.Message is null ? "Discarded: those paths will not be sent." : $"Discarded: {result.Message}",
        _ => $"Nothing done: {result.Message ?? "the entry is not pending."}",
    };

    // The engine's message ("failed again (why); next attempt at ISO") read as a sentence with the page's date format.
    private static string FailedAgain(FailLogRetryResponse result)
    {
        var why = result.Message;
        if (why is not null && why.StartsWith("failed again (", StringComparison.Ordinal))
        {
            var end = why.LastIndexOf(')');
            why = end > 14 ? why[14..end] : why;
        }
        var text = string.IsNullOrWhiteSpace(why) ? "The retry failed." : $"The retry failed: {why}.";
        return result.NextAttemptAt is { } next ? $"{text} Next attempt: {SyncConsole.Web.Components.Shared.Format.Time(next)}." : text;
    }

    public static string Summarize(IReadOnlyList<FailLogRetryResponse> results)
    {
        if (results.Count == 0) return "Nothing to retry: no pending entry matches the filter (or their jobs are paused or disabled).";
        var resolved = results.Count(r => r.Outcome == RetryOutcome.Resolved);
        var failed = results.Count(r => r.Outcome == RetryOutcome.Failed);
        var other = results.Count - resolved - failed;
        var text = $"Retried {results.Count} entr{(results.Count == 1 ? "y" : "ies")}: {resolved} resolved, {failed} failed again";
        return other > 0 ? text + $", {other} skipped." : text + ".";
    }

    public static MudBlazor.Severity Severity(FailLogRetryResponse result) => result.Outcome switch
    {
        RetryOutcome.Resolved => MudBlazor.Severity.Success,
        RetryOutcome.Failed => MudBlazor.Severity.Error,
        _ => MudBlazor.Severity.Info,
    };
}
