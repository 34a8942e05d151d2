namespace SyncConsole.Engine.Paths;

/// <summary>Walking relative paths ("a/b/c") by segment: the one place that knows how a path's folders nest.</summary>
internal static class RelativePaths
{
    /// <summary>The index of the next '/' after <paramref name="previous"/>, or -1: <c>span[..i]</c> are the ancestors in turn.</summary>
    public static int NextSlash(ReadOnlySpan<char> span, int previous)
    {
        var next = span[(previous + 1)..].IndexOf('/');
        return next < 0 ? -1 : previous + 1 + next;
    }

    /// <summary>The paths of an ordinally sorted set that lie under <paramref name="folder"/> (not "" : that is all of them).</summary>
    public static IEnumerable<string> Descendants(SortedSet<string> sorted, string folder)
    {
        var prefix = folder + "/";
        // '0' is the character after '/': the view holds exactly the paths that start with "folder/" (and "folder0").
        return sorted.GetViewBetween(prefix, folder + "0").Where(p => p.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Proper ancestors, nearest first, ending with "" (the root); none for the root itself.</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        if (path.Length == 0) yield break;
        for (var i = path.LastIndexOf('/'); i > 0; i = path.LastIndexOf('/', i - 1))
            yield return path[..i];
        yield return "";
    }

    /// <summary>Whether <paramref name="path"/> lies strictly inside <paramref name="folder"/> (not "": callers decide what the root means).</summary>
    public static bool IsBelow(string path, string folder) =>
        path.Length > folder.Length + 1 && path[folder.Length] == '/' && path.StartsWith(folder, StringComparison.Ordinal);

    /// <summary>Whether two paths are the same, or one lies inside the other.</summary>
    public static bool Overlap(string a, string b) => a == b || IsBelow(a, b) || IsBelow(b, a);
}
