using System.Text;

namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Builds rsync filter patterns that match one literal path. rsync treats a backslash as an escape only when
/// the pattern holds a wildcard, so names are escaped only then (and then backslashes are escaped too).
/// </summary>
internal static class RsyncFilterPattern
{
    private const string Wildcards = "*?[";

    /// <summary>Anchored pattern for exactly <paramref name="relativePath"/>, plus an optional wildcard suffix.</summary>
    public static string Anchored(string relativePath, string wildcardSuffix = "")
    {
        var hasWildcard = wildcardSuffix.Length > 0 || relativePath.IndexOfAny(Wildcards.ToCharArray()) >= 0;
        var sb = new StringBuilder("/");
        foreach (var c in relativePath)
        {
            if (hasWildcard && (Wildcards.Contains(c) || c == '\\')) sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append(wildcardSuffix).ToString();
    }
}
