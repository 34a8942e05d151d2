namespace SyncConsole.Engine.Running;

public sealed record JobStatus
{
    public required int JobId { get; init; }
    public required JobState State { get; init; }
    /// <summary>Why the job is in <see cref="JobState.Error"/> (or a lasting warning such as the watch limit).</summary>
    public string? Reason { get; init; }
    public int WatchedFolders { get; init; }
    public long EventsSeen { get; init; }
    public IReadOnlyList<RemoteStatus> Remotes { get; init; } = [];
}
