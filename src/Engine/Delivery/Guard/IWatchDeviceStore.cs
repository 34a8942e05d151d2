namespace SyncConsole.Engine.Delivery.Guard;

/// <summary>
/// Where the deletion guard keeps each job's "last healthy" file system (<see cref="WatchFolderDevice"/>) across
/// restarts: an unmounted disk is noticed by the start-up reconcile, which is the run that would wipe the remote.
/// </summary>
public interface IWatchDeviceStore
{
    Task<string?> LoadAsync(int jobId, CancellationToken cancellationToken);
    Task SaveAsync(int jobId, string device, CancellationToken cancellationToken);
}

/// <summary>For tests and hosts without a database: remembered while the process lives.</summary>
public sealed class InMemoryWatchDeviceStore : IWatchDeviceStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> devices = new();

    public Task<string?> LoadAsync(int jobId, CancellationToken cancellationToken) =>
        Task.FromResult(devices.TryGetValue(jobId, out var d) ? d : null);

    public Task SaveAsync(int jobId, string device, CancellationToken cancellationToken)
    {
        devices[jobId] = device;
        return Task.CompletedTask;
    }
}
