namespace SyncConsole.Engine.Delivery;

/// <summary>
/// Where delivery writes what it did. The SQLite implementation lives in src/Data; the engine's tests use an
/// in-memory one.
/// </summary>
public interface IDeliveryJournal
{
    /// <summary>Stores a finished run and returns its id.</summary>
    Task<long> RecordRunAsync(SyncRunRecord run, CancellationToken cancellationToken);

    /// <summary>
    /// Stores undelivered paths and returns the fail-log entry id. Failures for a job and remote that already
    /// has an open (pending) entry are merged into it, so a path that keeps changing while its remote is down
    /// stays one entry.
    /// </summary>
    Task<long> RecordFailureAsync(FailureRecord failure, CancellationToken cancellationToken);

    /// <summary>
    /// A full sync that started at <paramref name="startedAt"/> succeeded: the job+remote's pending entries whose last
    /// failure came before it are covered (it read the disk after them). Marks them resolved by <paramref name="runId"/>
    /// and returns their ids.
    /// </summary>
    Task<IReadOnlyList<long>> ResolveCoveredAsync(int jobId, int remoteId, DateTimeOffset startedAt, long? runId, CancellationToken cancellationToken);
}
