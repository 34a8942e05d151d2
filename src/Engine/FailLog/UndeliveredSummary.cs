namespace SyncConsole.Engine.FailLog;

/// <summary>The fail log's share of what one remote of one job has not received yet.</summary>
public sealed record UndeliveredSummary
{
    public required int JobId { get; init; }
    public required int RemoteId { get; init; }
    public required int Entries { get; init; }
    /// <summary>Paths named by those entries (a full-sync entry counts its paths, usually the root).</summary>
    public required int Paths { get; init; }
    /// <summary>An entry needs the whole tree re-sent.</summary>
    public bool FullSync { get; init; }
    /// <summary>The oldest first failure among them: how long the oldest undelivered change has waited.</summary>
    public required DateTimeOffset OldestFailureAt { get; init; }
    public required DateTimeOffset LastFailureAt { get; init; }
    public string LastExitMeaning { get; init; } = "";
}
