namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Parses <c>--out-format="%i %n%L"</c> lines (what <c>--itemize-changes</c> prints) into differences.
/// Format: YXcstpoguax, e.g. <c>&gt;f.st...... a/b.txt</c>, <c>cd+++++++++ dir/</c>, <c>*deleting   old.txt</c>.
/// </summary>
public static class RsyncItemizeParser
{
    public static IReadOnlyList<RsyncDifference> Parse(string output)
    {
        var result = new List<RsyncDifference>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length < 13 || line[11] != ' ') continue;
            var code = line[..11];
            var name = line[12..];
            if (code.StartsWith("*deleting", StringComparison.Ordinal))
            {
                result.Add(new RsyncDifference(CleanName(name, out var dir), DifferenceKind.ExtraOnRemote, dir, code));
                continue;
            }
            if ("<>ch.".IndexOf(code[0]) < 0 || "fdLDS".IndexOf(code[1]) < 0) continue;
            if (code[1] == 'L')
            {
                var arrow = name.LastIndexOf(" -> ", StringComparison.Ordinal);
                if (arrow >= 0) name = name[..arrow];
            }
            var path = CleanName(name, out var isDir);
            if (path.Length == 0 && code[2..].All(c => c is '.' or 't' or 'T')) continue; // the root's own time
            result.Add(new RsyncDifference(path, Classify(code), isDir || code[1] == 'd', code));
        }
        return result;
    }

    private static DifferenceKind Classify(string code)
    {
        var flags = code[2..];
        if (flags.All(c => c == '+')) return DifferenceKind.MissingOnRemote;
        // A type change shows as a creation ('c' in front) of something whose old type was different.
        if (code[0] == 'c' && flags.Contains('+')) return DifferenceKind.TypeDiffers;
        if (flags[1] == 's') return DifferenceKind.SizeDiffers;
        if (flags[0] == 'c') return DifferenceKind.ContentDiffers;
        if (flags[2] is 't' or 'T') return DifferenceKind.TimeDiffers;
        return DifferenceKind.AttributesDiffer;
    }

    private static string CleanName(string name, out bool isDirectory)
    {
        isDirectory = name.EndsWith('/');
        name = RsyncErrorPaths.Unescape(name.TrimEnd('/'));
        if (name.StartsWith("./", StringComparison.Ordinal)) name = name[2..];
        return name == "." ? "" : name;
    }
}
