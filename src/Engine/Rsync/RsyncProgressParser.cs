using System.Globalization;
using System.Text.RegularExpressions;

namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Reads <c>--info=progress2</c> lines. rsync rewrites its progress line with <c>\r</c>, so the runner splits stdout on
/// both <c>\r</c> and <c>\n</c> and hands each piece here; anything else (file names with -v, the stats) is not progress.
/// </summary>
public static partial class RsyncProgressParser
{
    // Digits may carry thousands separators when -h is in effect; the engine passes --no-h, but a job may add -h.
    [GeneratedRegex(@"^\s*(?<bytes>\d[\d,.']*)\s+(?<pct>\d{1,3})%\s+\S+\s+(?<time>\d+:\d\d:\d\d)(?:\s+\(xfr#(?<xfr>\d+),\s*(?<kind>ir|to)-chk=(?<left>\d+)/(?<total>\d+)\))?\s*$")]
    private static partial Regex Line();

    public static RsyncProgress? TryParse(string line)
    {
        var m = Line().Match(line);
        if (!m.Success) return null;
        var digits = new string(m.Groups["bytes"].Value.Where(char.IsAsciiDigit).ToArray());
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)) return null;
        var parts = m.Groups["time"].Value.Split(':');
        var remaining = new TimeSpan(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture));
        var progress = new RsyncProgress
        {
            BytesDone = bytes, Percent = Math.Min(100, int.Parse(m.Groups["pct"].Value, CultureInfo.InvariantCulture)), Remaining = remaining,
        };
        if (!m.Groups["xfr"].Success) return progress;
        var total = int.Parse(m.Groups["total"].Value, CultureInfo.InvariantCulture);
        var left = int.Parse(m.Groups["left"].Value, CultureInfo.InvariantCulture);
        return progress with
        {
            FilesTransferred = int.Parse(m.Groups["xfr"].Value, CultureInfo.InvariantCulture),
            FilesTotal = total, FilesChecked = Math.Max(0, total - left), TotalsFinal = m.Groups["kind"].Value == "to",
        };
    }
}
