using System.Text.RegularExpressions;

namespace SyncConsole.Engine.Filtering;

/// <summary>
/// One exclude expression as sersync's <c>&lt;filter&gt;&lt;exclude expression=…&gt;</c> means it: a Perl-style regex
/// that must match the whole target string (boost's <c>regex_match</c>), not a substring.
/// </summary>
public sealed class ExcludeRegex
{
    /// <summary>A pathological pattern must not stall the watcher's reader thread.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex regex;

    private ExcludeRegex(string pattern, Regex regex)
    {
        Pattern = pattern;
        this.regex = regex;
    }

    public string Pattern { get; }

    /// <summary>Whole-string match. A match that times out counts as "not excluded": syncing too much beats losing a file.</summary>
    public bool IsMatch(ReadOnlySpan<char> target)
    {
        try { return regex.IsMatch(target); }
        catch (RegexMatchTimeoutException) { return false; }
    }

    /// <summary>Checks a pattern the way the watcher will compile it; call this when a filter is saved or imported.</summary>
    public static bool TryValidate(string? pattern, out string error) => TryCreate(pattern, out _, out error);

    public static bool TryCreate(string? pattern, out ExcludeRegex? result, out string error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            error = "The exclude expression is empty.";
            return false;
        }
        try
        {
            // Parse the pattern alone first so the error text points into what the user wrote, not our wrapper.
            _ = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            var whole = new Regex(@"\A(?:" + pattern + @")\z", RegexOptions.CultureInvariant, MatchTimeout);
            result = new ExcludeRegex(pattern, whole);
            error = "";
            return true;
        }
        catch (ArgumentException ex)
        {
            error = $"Invalid exclude expression '{pattern}': {ex.Message}";
            return false;
        }
    }

    /// <summary>Compiles <paramref name="pattern"/> or throws <see cref="ArgumentException"/> with the regex error.</summary>
    public static ExcludeRegex Create(string pattern) =>
        TryCreate(pattern, out var result, out var error) ? result! : throw new ArgumentException(error, nameof(pattern));

    public override string ToString() => Pattern;
}
