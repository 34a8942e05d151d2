namespace SyncConsole.Engine.FailLog;

/// <summary>
/// How often fail logs are retried (sersync's failLog <c>timeToExecute</c>) and when a failed entry is tried next:
/// one interval after its first failed retry, doubling per failed retry, capped (see <see cref="RetryBackoff"/>).
/// </summary>
public sealed class FailLogRetryPolicy(TimeProvider clock, int defaultIntervalMinutes = 60, int? intervalSecondsOverride = null)
{
    private int defaultMinutes = Math.Max(1, defaultIntervalMinutes);

    public TimeProvider Clock => clock;

    /// <summary>The global interval in minutes; the Settings page changes it while the server runs.</summary>
    public int DefaultIntervalMinutes
    {
        get => Volatile.Read(ref defaultMinutes);
        set => Volatile.Write(ref defaultMinutes, Math.Max(1, value));
    }

    /// <summary>A job's retry interval: its own minutes, else the default; the seconds override wins (only tests pass one: no setting reaches it).</summary>
    public TimeSpan IntervalFor(int? jobRetryIntervalMinutes)
    {
        if (intervalSecondsOverride is > 0) return TimeSpan.FromSeconds(intervalSecondsOverride.Value);
        return TimeSpan.FromMinutes(jobRetryIntervalMinutes ?? DefaultIntervalMinutes);
    }

    /// <summary>
    /// When an entry that just failed its retry is tried next. Only retries count: a burst that failed in 50 live
    /// batches is one outage, not 50 reasons to wait a day.
    /// </summary>
    public DateTimeOffset NextAttemptAfterFailedRetry(FailLogEntrySnapshot entry) =>
        RetryBackoff.NextAttemptAt(clock.GetUtcNow(), IntervalFor(entry.JobRetryIntervalMinutes), entry.FailedRetries);
}
