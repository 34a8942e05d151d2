using System.Globalization;
using System.Text.RegularExpressions;

namespace SyncConsole.Engine.Rsync;

/// <summary>Reads the <c>--stats</c> block. Tolerates digit grouping and human-readable suffixes.</summary>
public static class RsyncStatsParser
{
    public static RsyncStats Parse(string output)
    {
        return new RsyncStats(
            Number(output, "Total bytes sent"),
            Number(output, "Total bytes received"),
            (int)Number(output, "Number of regular files transferred"),
            Number(output, "Total file size"),
            (int)Number(output, "Number of created files"),
            (int)Number(output, "Number of deleted files"));
    }

    /// <summary>"Number of files": every entry of the sender's list, its root folder included.</summary>
    public static int FileCount(string output) => (int)Number(output, "Number of files");

    private static long Number(string output, string label)
    {
        var m = Regex.Match(output, "^" + Regex.Escape(label) + @":\s*([0-9][0-9.,]*)([KMGTP]?)", RegexOptions.Multiline);
        if (!m.Success) return 0;
        var text = m.Groups[1].Value;
        var suffix = m.Groups[2].Value;
        if (suffix.Length == 0) return long.Parse(text.Replace(",", "").Replace(".", ""), CultureInfo.InvariantCulture);
        var value = double.Parse(text.Replace(",", "."), CultureInfo.InvariantCulture);
        var factor = Math.Pow(1024, "KMGTP".IndexOf(suffix[0], StringComparison.Ordinal) + 1);
        return (long)(value * factor);
    }
}
