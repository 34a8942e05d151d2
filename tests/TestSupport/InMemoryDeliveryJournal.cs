using SyncConsole.Engine.Delivery;

namespace SyncConsole.TestSupport;

/// <summary>An <see cref="IDeliveryJournal"/> in memory, merging failures per job and remote like the real one.</summary>
public sealed class InMemoryDeliveryJournal : IDeliveryJournal
{
    private readonly object gate = new();
    private readonly List<SyncRunRecord> runs = [];
    private readonly List<FailureRecord> failures = [];
    private readonly Dictionary<(int Job, int Remote), (long Id, DateTimeOffset Last)> openEntries = [];
    private long nextRunId;
    private long nextFailId;

    public IReadOnlyList<SyncRunRecord> Runs { get { lock (gate) return runs.ToList(); } }
    /// <summary>Every failure as recorded (not merged).</summary>
    public IReadOnlyList<FailureRecord> Failures { get { lock (gate) return failures.ToList(); } }

    public Task<long> RecordRunAsync(SyncRunRecord run, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            runs.Add(run);
            return Task.FromResult(++nextRunId);
        }
    }

    public Task<long> RecordFailureAsync(FailureRecord failure, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            failures.Add(failure);
            var key = (failure.JobId, failure.RemoteId);
            var id = openEntries.TryGetValue(key, out var open) ? open.Id : ++nextFailId;
            openEntries[key] = (id, failure.At);
            return Task.FromResult(id);
        }
    }

    public Task<IReadOnlyList<long>> ResolveCoveredAsync(int jobId, int remoteId, DateTimeOffset startedAt, long? runId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!openEntries.TryGetValue((jobId, remoteId), out var open) || open.Last >= startedAt) return Task.FromResult<IReadOnlyList<long>>([]);
            openEntries.Remove((jobId, remoteId));
            return Task.FromResult<IReadOnlyList<long>>([open.Id]);
        }
    }

    /// <summary>Closes the open entry of a job and remote (what a successful fail-log retry does).</summary>
    public void Resolve(int jobId, int remoteId)
    {
        lock (gate) openEntries.Remove((jobId, remoteId));
    }
}
