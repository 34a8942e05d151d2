using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Filtering;

/// <summary>
/// What a job's watcher ignores: sersync's built-in temp-file rule and the job's exclude regexes, with sersync's
/// exact match targets (see docs/sersync-semantics.md §4). Paths are relative to the watch root, '/'-separated.
/// </summary>
public sealed class PathFilter
{
    private readonly ExcludeRegex[] excludes;

    public PathFilter(IEnumerable<string>? excludeRegexes = null, bool ignoreTempFiles = true)
    {
        var compiled = new List<ExcludeRegex>();
        var errors = new List<string>();
        foreach (var pattern in excludeRegexes ?? [])
        {
            // Like sersync, a bad expression is reported and skipped; it never stops the job.
            if (ExcludeRegex.TryCreate(pattern, out var regex, out var error)) compiled.Add(regex!);
            else errors.Add(error);
        }
        excludes = [.. compiled];
        Errors = errors;
        IgnoreTempFiles = ignoreTempFiles;
    }

    public static PathFilter None { get; } = new(null, ignoreTempFiles: false);

    public static PathFilter ForJob(JobDefinition job) => new(job.ExcludeRegexes, job.IgnoreTempFiles);

    public bool IgnoreTempFiles { get; }

    /// <summary>Expressions that did not compile and were skipped, one message each.</summary>
    public IReadOnlyList<string> Errors { get; }

    public IReadOnlyList<ExcludeRegex> Excludes => excludes;

    /// <summary>sersync's FilterEvent rule for files: <c>.*</c>, <c>*~</c> and vim's <c>4913</c> write probe.</summary>
    public static bool IsTempFileName(ReadOnlySpan<char> name) =>
        name.Length > 0 && (name[0] == '.' || name[^1] == '~' || name.SequenceEqual("4913"));

    /// <summary>
    /// Whether a live event on <paramref name="relativePath"/> is dropped. The regex target is sersync's: the bare
    /// name for entries directly in the root, <c>/sub/dir/name</c> (leading slash) deeper down.
    /// </summary>
    public bool IsExcluded(ReadOnlySpan<char> relativePath, bool isDirectory)
    {
        if (relativePath.IsEmpty) return false;
        if (IgnoreTempFiles && !isDirectory)
        {
            var slash = relativePath.LastIndexOf('/');
            if (IsTempFileName(relativePath[(slash + 1)..])) return true;
        }
        if (excludes.Length == 0) return false;
        if (relativePath.IndexOf('/') < 0) return MatchesAny(relativePath);

        var length = relativePath.Length + 1;
        Span<char> target = length <= 512 ? stackalloc char[length] : new char[length];
        target[0] = '/';
        relativePath.CopyTo(target[1..]);
        return MatchesAny(target[..length]);
    }

    /// <summary>
    /// Whether a directory gets no watch at all. sersync's initial walk tests <c>sub/dir/</c> and its live events
    /// test the event target; a directory either rule excludes is left unwatched wherever it is found.
    /// </summary>
    public bool IsDirectoryExcluded(string relativeDir)
    {
        if (relativeDir.Length == 0 || excludes.Length == 0) return false;
        return IsExcluded(relativeDir, isDirectory: true) || MatchesAny(relativeDir + "/");
    }

    /// <summary>
    /// Why a live change on <paramref name="relativePath"/> is not delivered, or null when it is: the rule and the string
    /// it matched. A path inside a folder this filter leaves unwatched is never even seen, whatever its own name, so
    /// its folders are asked first (as the watcher walks down to it).
    /// </summary>
    public string? ExplainExclusion(string relativePath, bool isDirectory)
    {
        var parts = relativePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return null;
        for (var i = 1; i < parts.Length; i++)
        {
            var folder = string.Join('/', parts[..i]);
            if (ExplainDirectory(folder) is { } why) return $"inside '{folder}/', which gets no watch: {why}";
        }
        var path = string.Join('/', parts);
        return isDirectory ? ExplainDirectory(path) : ExplainEntry(path, isDirectory: false);
    }

    private string? ExplainDirectory(string relativeDir) =>
        ExplainEntry(relativeDir, isDirectory: true) ?? (FirstMatch(relativeDir + "/") is { } rule ? Matched(rule, relativeDir + "/") : null);

    private string? ExplainEntry(string relativePath, bool isDirectory)
    {
        if (IgnoreTempFiles && !isDirectory && IsTempFileName(relativePath.AsSpan(relativePath.LastIndexOf('/') + 1)))
            return "sersync's temp-file rule (names starting with '.', ending with '~', or vim's 4913)";
        var target = relativePath.Contains('/') ? "/" + relativePath : relativePath;
        return FirstMatch(target) is { } rule ? Matched(rule, target) : null;
    }

    private static string Matched(ExcludeRegex rule, string target) => $"the exclude '{rule.Pattern}' matches '{target}'";

    private ExcludeRegex? FirstMatch(string target) => excludes.FirstOrDefault(r => r.IsMatch(target));

    private bool MatchesAny(ReadOnlySpan<char> target)
    {
        foreach (var regex in excludes)
            if (regex.IsMatch(target)) return true;
        return false;
    }
}
