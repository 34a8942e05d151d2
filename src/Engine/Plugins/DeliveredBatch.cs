using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Plugins;

/// <summary>
/// Paths a job has just delivered to one remote (or, in plugin-only mode, taken from its queue with
/// <see cref="Remote"/> null and no rsync run at all).
/// </summary>
public sealed record DeliveredBatch
{
    public required JobDefinition Job { get; init; }
    public RemoteDefinition? Remote { get; init; }
    public required IReadOnlyList<ChangedPath> Paths { get; init; }
    public bool Succeeded { get; init; } = true;
    public int ExitCode { get; init; }
    public long Bytes { get; init; }
    public DateTimeOffset Time { get; init; }

    /// <summary>
    /// Command, socket and refreshCDN act on the files themselves, so they run once per change: for the job's first
    /// remote (by id, the "primary") or in plugin-only mode. Webhooks name the remote, so they run for every remote.
    /// </summary>
    public bool IsPrimary => Remote is null || Job.Remotes.Count == 0 || Job.Remotes[0].Id == Remote.Id;

    /// <summary>The absolute path of a delivered entry, as sersync passed it to its plugins.</summary>
    public string AbsolutePath(ChangedPath path) =>
        path.RelativePath.Length == 0 ? Job.WatchPath : Job.WatchPath.TrimEnd('/') + "/" + path.RelativePath;
}
