using SyncConsole.Engine.Delivery.Guard;

namespace SyncConsole.Engine.Running;

/// <summary>
/// A run to one remote that the deletion guard held: nothing was deleted, and it waits for the administrator to
/// confirm the deletes (the same full sync runs once without the guard) or cancel it.
/// </summary>
public sealed record HeldRun
{
    public required DeletionGuardDecision Decision { get; init; }
    /// <summary>The held run was a make identical (its confirmed run is one too).</summary>
    public bool MakeIdentical { get; init; }
    /// <summary>Held from a realtime burst of deletes that emptied the watch folder, not from a full sync.</summary>
    public bool FromRealtime { get; init; }
    public required DateTimeOffset HeldAt { get; init; }
    /// <summary>Held for an empty folder that has content again: one guarded full sync was queued to check again.</summary>
    public bool Rechecked { get; init; }
    /// <summary>"held: would delete 20000 of 20412 remote entries on 'backup'; the watch folder is empty".</summary>
    public required string Message { get; init; }
}

/// <summary>What confirming or cancelling a held run found.</summary>
public enum HeldRunAction
{
    /// <summary>The job (or that remote of it) is not running.</summary>
    NotRunning,
    /// <summary>Nothing is held.</summary>
    NoneHeld,
    Done,
}
