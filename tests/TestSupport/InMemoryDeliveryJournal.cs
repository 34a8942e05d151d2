using SyncConsole.Engine.Delivery;

namespace SyncConsole.TestSupport;

/// <summary>An <see cref="IDeliveryJournal"/> in memory, merging failures per job and remote like the real one.</summary>
public sealed class InMemoryDeliveryJournal : IDeliveryJournal
{
    private readonly object gate = new();
    private readonly List<SyncRunRecord> runs = [];
    private readonly List<FailureRecord> failures = [];
    private readonly Dictionary<(int Job, int Remote), long> openEntries = [];
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
            if (!openEntries.TryGetValue(key, out var id)) openEntries[key] = id = ++nextFailId;
            return Task.FromResult(id);
        }
    }

    /// <summary>Closes the open entry of a job and remote (what a successful fail-log retry does).</summary>
    public void Resolve(int jobId, int remoteId)
    {
        lock (gate) openEntries.Remove((jobId, remoteId));
    }
}
