namespace SyncConsole.Engine.Watching;

/// <summary>
/// The wd ↔ directory map. Watches follow inodes, not names, so a rename inside the tree only re-parents a node
/// and rewrites the cached paths beneath it; no watch is removed or added.
/// </summary>
internal sealed class WatchTree
{
    private readonly Dictionary<int, WatchNode> byWd = [];

    public WatchTree(int rootWd)
    {
        Root = new WatchNode(rootWd, null, "", "");
        byWd[rootWd] = Root;
    }

    public WatchNode Root { get; }

    public int Count => byWd.Count;

    public IEnumerable<int> Wds => byWd.Keys;

    public bool Contains(int wd) => byWd.ContainsKey(wd);

    public bool TryGet(int wd, out WatchNode node) => byWd.TryGetValue(wd, out node!);

    public WatchNode? FindChild(WatchNode parent, ReadOnlySpan<char> name)
    {
        if (parent.Children is null) return null;
        return parent.Children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var child) ? child : null;
    }

    /// <summary>Registers a freshly watched child. Returns the existing node when the same watch is already known.</summary>
    public WatchNode Add(WatchNode parent, string name, int wd)
    {
        if (byWd.TryGetValue(wd, out var known) && IsAttached(known)) return known;
        var existing = FindChild(parent, name);
        if (existing is not null) Remove(existing);
        var node = new WatchNode(wd, parent, name, Join(parent.RelativePath, name));
        (parent.Children ??= new Dictionary<string, WatchNode>(StringComparer.Ordinal))[name] = node;
        byWd[wd] = node;
        return node;
    }

    /// <summary>Takes a subtree out of the tree but keeps its watches registered (the first half of a move).</summary>
    public void Detach(WatchNode node)
    {
        if (node.Parent?.Children is { } siblings && siblings.TryGetValue(node.Name, out var same) && same == node)
            siblings.Remove(node.Name);
        node.Parent = null;
    }

    /// <summary>Puts a detached subtree under its new parent and name (the second half of a rename).</summary>
    public void Attach(WatchNode node, WatchNode parent, string name)
    {
        var existing = FindChild(parent, name);
        if (existing is not null && existing != node) Remove(existing); // rename(2) may replace an empty directory
        node.Parent = parent;
        node.Name = name;
        (parent.Children ??= new Dictionary<string, WatchNode>(StringComparer.Ordinal))[name] = node;
        Repath(node);
    }

    /// <summary>Forgets a subtree and returns its watch descriptors (the caller removes kernel watches if still live).</summary>
    public List<int> Remove(WatchNode node)
    {
        Detach(node);
        var wds = new List<int>();
        var stack = new Stack<WatchNode>();
        stack.Push(node);
        while (stack.TryPop(out var n))
        {
            if (byWd.TryGetValue(n.Wd, out var same) && same == n)
            {
                byWd.Remove(n.Wd);
                wds.Add(n.Wd);
            }
            if (n.Children is null) continue;
            foreach (var child in n.Children.Values) stack.Push(child);
        }
        return wds;
    }

    /// <summary>False for nodes inside a subtree that was moved away and not (yet) moved back in.</summary>
    public bool IsAttached(WatchNode node)
    {
        var n = node;
        while (n.Parent is not null) n = n.Parent;
        return n == Root;
    }

    public static string Join(string parentPath, string name) => parentPath.Length == 0 ? name : string.Concat(parentPath, "/", name);

    private static void Repath(WatchNode node)
    {
        var stack = new Stack<WatchNode>();
        stack.Push(node);
        while (stack.TryPop(out var n))
        {
            n.RelativePath = Join(n.Parent!.RelativePath, n.Name);
            if (n.Children is null) continue;
            foreach (var child in n.Children.Values) stack.Push(child);
        }
    }
}
