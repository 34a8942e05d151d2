namespace SyncConsole.Engine.Delivery;

public sealed record DeliveryOptions
{
    /// <summary>
    /// Use the filtered-delete method instead of <c>--delete-missing-args</c> for every remote (tests, and
    /// installations whose rsync is known to be broken). Otherwise it is switched on per remote when detected.
    /// </summary>
    public bool ForceFilteredDelete { get; init; }
    /// <summary>Retry a failed run once, at once (sersync does). Off only in tests that count runs.</summary>
    public bool RetryOnce { get; init; } = true;
    /// <summary>
    /// How long that retry waits when the daemon said it is busy ("max connections"): its slot is freed only when
    /// the child serving the previous connection has exited, a moment after that client finished.
    /// </summary>
    public TimeSpan BusyDaemonRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Cap on the exclude rules one delivery gets for what the job's filter excludes inside new or moved-in
    /// folders; past it the rest is sent unfiltered, with a warning.
    /// </summary>
    public int MaxExcludedPaths { get; init; } = Filtering.ExcludedPathFinder.DefaultMaxPaths;
}
