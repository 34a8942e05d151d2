using System.Text;
using System.Text.RegularExpressions;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Finds which paths a partial transfer (exit 23) failed on, from rsync's stderr lines such as
/// <c>rsync: [sender] send_files failed to open "a/b.txt": Permission denied (13)</c>.
/// </summary>
public static partial class RsyncErrorPaths
{
    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^rsync(?:: | error:)|^file has vanished|failed|error", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorLine();

    // rsync's temp names while receiving: ".name.XXXXXX".
    [GeneratedRegex(@"^(?<dir>.*/)?\.(?<name>.+)\.[A-Za-z0-9]{6}$")]
    private static partial Regex TempName();

    [GeneratedRegex(@"\\#([0-7]{3})")]
    private static partial Regex OctalEscape();

    /// <summary>Relative paths named in error lines, normalized to the watch root.</summary>
    public static IReadOnlyList<string> Parse(string stderr, string watchPath)
    {
        var result = new List<string>();
        foreach (var line in stderr.Split('\n'))
        {
            if (!ErrorLine().IsMatch(line) || line.StartsWith("rsync error:", StringComparison.Ordinal)) continue;
            foreach (Match m in Quoted().Matches(line))
            {
                var p = Normalize(Unescape(m.Groups[1].Value), watchPath);
                if (p is not null) result.Add(p);
            }
        }
        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The entries of <paramref name="batch"/> that a failed path belongs to (the entry itself, an entry
    /// above it, or entries below a failed folder). Empty when nothing could be matched.
    /// </summary>
    public static IReadOnlyList<ChangedPath> Match(IReadOnlyList<ChangedPath> batch, IReadOnlyList<string> failedPaths)
    {
        return batch.Where(e => failedPaths.Any(f => Related(e.RelativePath, f))).ToList();
    }

    private static bool Related(string entry, string failed) => entry.Length == 0 || RelativePaths.Overlap(entry, failed);

    private static string? Normalize(string path, string watchPath)
    {
        var root = watchPath.TrimEnd('/') + "/";
        if (path.StartsWith(root, StringComparison.Ordinal)) path = path[root.Length..];
        while (path.StartsWith("./", StringComparison.Ordinal)) path = path[2..];
        path = path.TrimStart('/').TrimEnd('/');
        if (path.EndsWith("/.", StringComparison.Ordinal)) path = path[..^2];
        var temp = TempName().Match(path);
        if (temp.Success) path = temp.Groups["dir"].Value + temp.Groups["name"].Value;
        return path.Length == 0 || path == "." ? null : path;
    }

    /// <summary>Undoes rsync's <c>\#ooo</c> escaping of unprintable bytes in names.</summary>
    internal static string Unescape(string text)
    {
        if (!text.Contains("\\#", StringComparison.Ordinal)) return text;
        var bytes = new List<byte>();
        var last = 0;
        foreach (Match m in OctalEscape().Matches(text))
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(text[last..m.Index]));
            bytes.Add(Convert.ToByte(m.Groups[1].Value, 8));
            last = m.Index + m.Length;
        }
        bytes.AddRange(Encoding.UTF8.GetBytes(text[last..]));
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
