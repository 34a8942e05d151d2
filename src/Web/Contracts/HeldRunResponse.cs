using SyncConsole.Engine.Running;

namespace SyncConsole.Web.Contracts;

/// <summary>A run the deletion guard holds for one remote: nothing was deleted; confirm or cancel it.</summary>
public sealed record HeldRunResponse
{
    /// <summary>"held: would delete 20000 of 20412 remote entries on 'backup'; the watch folder is empty".</summary>
    public required string Message { get; init; }
    public required int WouldDelete { get; init; }
    public required int RemoteEntries { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    /// <summary>A few of the remote paths that would be deleted.</summary>
    public required IReadOnlyList<string> Examples { get; init; }
    public required DateTimeOffset HeldAt { get; init; }
    /// <summary>The held run is a make identical.</summary>
    public bool MakeIdentical { get; init; }
    /// <summary>Held from realtime deletes that emptied the watch folder (confirming runs a full sync).</summary>
    public bool FromRealtime { get; init; }

    public static HeldRunResponse? From(HeldRun? run) => run is null ? null : new()
    {
        Message = run.Message, WouldDelete = run.Decision.WouldDelete, RemoteEntries = run.Decision.RemoteEntries,
        Reasons = run.Decision.Reasons, Examples = run.Decision.Examples, HeldAt = run.HeldAt,
        MakeIdentical = run.MakeIdentical, FromRealtime = run.FromRealtime,
    };
}
