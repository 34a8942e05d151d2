using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Coalescing;

/// <summary>
/// The paths of the runs in flight to one remote. A pending path may run beside them only when it is none of
/// them and neither above nor inside any of them: two runs on overlapping paths could land in either order (an
/// older copy over a newer one, a folder's delete racing a file written into it).
/// Not thread-safe: the <see cref="ChangeCoalescer"/> calls it under its lock.
/// </summary>
internal sealed class InFlightPaths
{
    private readonly HashSet<string> paths = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;
    // Sorted so that all descendants of "a/b" form one range starting at "a/b/".
    private readonly SortedSet<string> ordered = new(StringComparer.Ordinal);
    // The recursive ones (a new folder's run, a full sync): they cover everything beneath them.
    private readonly HashSet<string> recursive = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> recursiveLookup;

    public InFlightPaths()
    {
        lookup = paths.GetAlternateLookup<ReadOnlySpan<char>>();
        recursiveLookup = recursive.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => paths.Count;

    public void Add(IEnumerable<ChangedPath> batch)
    {
        foreach (var p in batch)
        {
            if (paths.Add(p.RelativePath)) ordered.Add(p.RelativePath);
            if (p.Recursive) recursive.Add(p.RelativePath);
        }
    }

    public void Remove(IEnumerable<ChangedPath> batch)
    {
        foreach (var p in batch)
        {
            if (paths.Remove(p.RelativePath)) ordered.Remove(p.RelativePath);
            recursive.Remove(p.RelativePath);
        }
    }

    /// <summary>
    /// Whether a run in flight covers <paramref name="path"/>: it is that run's path, or lies inside a recursive one
    /// (the whole tree included). That run may already have sent the change.
    /// </summary>
    public bool Covers(string path)
    {
        if (paths.Count == 0) return false;
        if (paths.Contains(path) || recursive.Contains("")) return true;
        if (recursive.Count == 0) return false;
        var span = path.AsSpan();
        for (var i = span.IndexOf('/'); i >= 0; i = RelativePaths.NextSlash(span, i))
            if (recursiveLookup.Contains(span[..i])) return true;
        return false;
    }

    /// <summary>Whether <paramref name="path"/> is in flight, or is above or inside a path in flight ("" is above all).</summary>
    public bool Conflicts(string path)
    {
        if (paths.Count == 0) return false;
        if (path.Length == 0 || paths.Contains("") || paths.Contains(path)) return true;
        var span = path.AsSpan();
        for (var i = span.IndexOf('/'); i >= 0; i = RelativePaths.NextSlash(span, i))
            if (lookup.Contains(span[..i])) return true;
        return RelativePaths.Descendants(ordered, path).Any();
    }
}
