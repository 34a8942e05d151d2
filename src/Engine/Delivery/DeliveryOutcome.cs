using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Delivery;

/// <summary>What happened to one batch (or full sync) for one remote, after the immediate retry.</summary>
public sealed record DeliveryOutcome
{
    public bool Succeeded => Failed.Count == 0 && !FullSyncFailed && Held is null;
    /// <summary>
    /// The entries as delivered: duplicates and paths under a recursive entry dropped, and a missing path widened
    /// to its highest missing ancestor (recursive), since that is what was deleted remotely.
    /// </summary>
    public required IReadOnlyList<ChangedPath> Delivered { get; init; }
    /// <summary>Paths recorded in the fail log (empty on success).</summary>
    public required IReadOnlyList<ChangedPath> Failed { get; init; }
    public bool FullSyncFailed { get; init; }
    /// <summary>The deletion guard held the run: nothing was sent or deleted (see <see cref="Guard.DeletionGuard"/>).</summary>
    public Guard.DeletionGuardDecision? Held { get; init; }
    /// <summary>The deletion guard checked this run and let it go.</summary>
    public bool GuardPassed { get; init; }
    public long? FailLogId { get; init; }
    /// <summary>Every rsync run made for this delivery, in order (first try, fallback runs, retry).</summary>
    public required IReadOnlyList<RsyncResult> Runs { get; init; }
    /// <summary>The SyncRun ids of <see cref="Runs"/>, in the same order (runs never started have none).</summary>
    public IReadOnlyList<long> RunIds { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public long Bytes => Runs.Sum(r => r.Stats.BytesSent);
    public int FilesTransferred => Runs.Sum(r => r.Stats.FilesTransferred);
}
