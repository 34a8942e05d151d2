using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Delivery.Guard;

/// <summary>The guard's dry run and, when it worked, its decision.</summary>
public sealed record DeletionGuardCheck(RsyncResult DryRun, DeletionGuardDecision? Decision)
{
    /// <summary>The dry run failed (remote unreachable, ...): the run is a failed attempt, nothing was decided.</summary>
    public bool Failed => Decision is null;
}
