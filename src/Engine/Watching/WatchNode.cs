namespace SyncConsole.Engine.Watching;

/// <summary>One watched directory: its watch descriptor and where it sits in the tree right now.</summary>
internal sealed class WatchNode(int wd, WatchNode? parent, string name, string relativePath)
{
    public int Wd { get; } = wd;
    public WatchNode? Parent { get; set; } = parent;
    public string Name { get; set; } = name;
    /// <summary>Relative to the watch root, no leading slash; "" for the root.</summary>
    public string RelativePath { get; set; } = relativePath;
    public Dictionary<string, WatchNode>? Children { get; set; }
}
