using System.Text.Json.Serialization;

namespace SyncConsole.Engine.Paths;

/// <summary>
/// One dirty path relative to the watch root ('/'-separated, no leading or trailing slash; "" is the root).
/// The disk is the truth at delivery time, so the path alone is enough: delivery sends it if it exists and
/// deletes it remotely if it is gone. <see cref="Recursive"/> asks for the whole subtree (new or moved-in folders).
/// </summary>
public readonly record struct ChangedPath(string RelativePath, bool Recursive)
{
    /// <summary>
    /// The change was seen while a run that covers this path (the path itself, or a recursive ancestor such as a new
    /// folder's run) was in flight: that run may have sent it already, or an older copy of it. Delivery then compares
    /// content (<c>--checksum</c>) instead of forcing a transfer, so what the run sent is not sent twice and what
    /// changed after the run read it still goes. Not stored: a fail-log retry simply sends the path again.
    /// </summary>
    [JsonIgnore]
    public bool SeenDuringRun { get; init; }

    /// <summary>
    /// The path this one was renamed from inside the same tree (a MOVED_FROM/MOVED_TO pair with one inotify cookie).
    /// Only a hint: delivery may send the path with the remote's copy of the old path as rsync's basis, so a move
    /// costs metadata instead of the data; a missing or changed old copy just means an ordinary transfer. Not
    /// stored: a fail-log retry sends the path as it is.
    /// </summary>
    [JsonIgnore]
    public string? MovedFrom { get; init; }

    /// <summary>
    /// The old path of a rename whose new path is reported next: the coalescer does not call the stretch quiet before
    /// that partner arrives, so a scheduler pause between the two cannot split the pair into two batches (the move
    /// would then be sent in full). Not stored.
    /// </summary>
    [JsonIgnore]
    public bool PartnerFollows { get; init; }
}
