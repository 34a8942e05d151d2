using SyncConsole.Engine.Running;

namespace SyncConsole.Web.Contracts;

/// <summary><c>GET /api/jobs/{id}/status</c>: what the job is doing now, per remote.</summary>
public sealed record JobStatusResponse
{
    public required int JobId { get; init; }
    /// <summary>watching, syncing, paused, error, stopped (disabled) or starting.</summary>
    public required JobState State { get; init; }
    public string? Reason { get; init; }
    public int WatchedFolders { get; init; }
    public long EventsSeen { get; init; }
    /// <summary>healthy, degraded or unknown; <see cref="HealthReasons"/> says why when not healthy.</summary>
    public JobHealth Health { get; init; }
    /// <summary>One plain sentence per problem, e.g. "remote 'backup' unreachable since ...: Connection refused".</summary>
    public IReadOnlyList<string> HealthReasons { get; init; } = [];
    public IReadOnlyList<RemoteStatusResponse> Remotes { get; init; } = [];
    /// <summary>Problems that will stop delivery, e.g. rsync not installed.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The last verify per remote (summary; the differing paths are at <c>GET /api/jobs/{id}/verify</c>).</summary>
    public IReadOnlyList<VerifyResultResponse> Verify { get; init; } = [];
    /// <summary>The one-glance state of the job: the worst of its remotes', or paused, error, unknown (see README).</summary>
    public SyncConsole.Web.Glance.SyncState SyncState { get; init; }
    /// <summary>Its words, e.g. "Up to date", "Syncing 45 %", "Unreachable".</summary>
    public string SyncStateText { get; init; } = "Unknown";
    /// <summary>Why, when there is more to say (the unreachable remote's reason, the verify that found differences).</summary>
    public string? SyncStateDetail { get; init; }
}
