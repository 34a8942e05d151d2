using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Delivery;

/// <summary>The outcome of a dry-run comparison of the watched folder with one remote.</summary>
public sealed record VerifyReport
{
    /// <summary>True when rsync completed the comparison (not whether the trees match).</summary>
    public bool Completed => Run.Succeeded;
    public bool InSync => Completed && Differences.Count == 0;
    public required IReadOnlyList<RsyncDifference> Differences { get; init; }
    public required RsyncResult Run { get; init; }
    public long? SyncRunId { get; init; }
    /// <summary>Checksums were compared (<c>--checksum</c>), not only sizes and modification times.</summary>
    public bool Deep { get; init; }
}
