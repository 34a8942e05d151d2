namespace SyncConsole.Web.Glance;

/// <summary>One state with its words: <see cref="Text"/> is what the chip says ("Syncing 45 %", "Out of sync (3 items)"),
/// <see cref="Detail"/> why, when there is more to say.</summary>
public sealed record SyncGlance(SyncState State, string Text, string? Detail = null)
{
    /// <summary>Counts toward the header's "N problems".</summary>
    public const string NotChecked = "not checked yet";

    public bool IsProblem => State is SyncState.Error or SyncState.Unreachable or SyncState.OutOfSync or SyncState.Warning;
}
