namespace SyncConsole.Engine.Coalescing;

/// <summary>
/// One dirty path relative to the watch root ('/'-separated, no leading or trailing slash; "" is the root).
/// The disk is the truth at delivery time, so the path alone is enough: delivery sends it if it exists and
/// deletes it remotely if it is gone. <see cref="Recursive"/> asks for the whole subtree (new or moved-in folders).
/// </summary>
public readonly record struct ChangedPath(string RelativePath, bool Recursive);
