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
}
