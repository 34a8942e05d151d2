using System.Globalization;

namespace SyncConsole.Web.Components.Shared;

/// <summary>Numbers and times as people read them on the pages.</summary>
public static class Format
{
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>
    /// The one date format of every page: the appliance's local time with its offset, e.g. "2026-12-07 21:40:05 UTC+01:00"
    /// (the server's zone: the browser's is not known when the page is rendered on the server).
    /// </summary>
    public static string Time(DateTimeOffset time, TimeZoneInfo? zone = null)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone ?? TimeZoneInfo.Local);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + $" UTC{sign}{offset.Duration():hh\\:mm}";
    }

    public static string Time(DateTimeOffset? time) => time is { } t ? Time(t) : "never";

    public static string Ago(DateTimeOffset? time, DateTimeOffset now) => time is null ? "never" : Duration(now - time.Value) + " ago";

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalSeconds < 60) return $"{span.TotalSeconds:0} s";
        if (span.TotalMinutes < 60) return $"{(int)span.TotalMinutes} min";
        if (span.TotalHours < 48) return $"{(int)span.TotalHours} h {span.Minutes} min";
        return $"{(int)span.TotalDays} d";
    }
}
