namespace SyncConsole.Engine.Rsync;

/// <summary>
/// The rsync options that make a transfer leave differing files alone (<c>-u</c> in sersync's default
/// <c>-artuz</c> keeps any remote file that is newer). A comparison that must see every difference, and a repair that
/// must remove it, run without them; <see cref="Strip"/> takes them out of an already split option list.
/// </summary>
public static class RsyncSkipPolicy
{
    // Long forms by the name before any '='; each maps to the short name users know it by, for the report.
    private static readonly Dictionary<string, string> Long = new(StringComparer.Ordinal)
    {
        ["--update"] = "-u", ["--ignore-existing"] = "--ignore-existing", ["--existing"] = "--existing",
        ["--ignore-non-existing"] = "--existing", ["--size-only"] = "--size-only", ["--max-size"] = "--max-size",
        ["--min-size"] = "--min-size", ["--ignore-times"] = "-I", ["--append"] = "--append", ["--append-verify"] = "--append-verify",
    };

    /// <summary>The options without the skip policy, and the policy options found (in the order met, once each).</summary>
    public static (List<string> Options, IReadOnlyList<string> Removed) Strip(IEnumerable<string> options)
    {
        var kept = new List<string>();
        var removed = new List<string>();
        void Note(string name) { if (!removed.Contains(name)) removed.Add(name); }

        var list = options.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var option = list[i];
            if (option.StartsWith("--", StringComparison.Ordinal))
            {
                var name = option.Split('=', 2)[0];
                if (Long.TryGetValue(name, out var shortName))
                {
                    Note(shortName);
                    // --max-size SIZE written as two words: the value goes too.
                    if (!option.Contains('=') && name is "--max-size" or "--min-size" && i + 1 < list.Count) i++;
                    continue;
                }
                kept.Add(option);
                continue;
            }
            if (option.Length < 2 || option[0] != '-')
            {
                kept.Add(option);
                continue;
            }
            var cluster = new System.Text.StringBuilder("-");
            for (var c = 1; c < option.Length; c++)
            {
                var letter = option[c];
                if (RsyncOptionValidator.ShortWithValue.Contains(letter)) // the rest of the cluster is its value
                {
                    cluster.Append(option, c, option.Length - c);
                    break;
                }
                if (letter is 'u' or 'I') { Note("-" + letter); continue; }
                cluster.Append(letter);
            }
            if (cluster.Length > 1) kept.Add(cluster.ToString());
        }
        return (kept, removed);
    }
}
