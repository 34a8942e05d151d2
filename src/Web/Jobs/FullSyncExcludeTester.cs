using System.Diagnostics;
using SyncConsole.Engine.Processes;

namespace SyncConsole.Web.Jobs;

/// <summary>
/// Answers for full syncs with rsync itself: the sample paths are made (empty) in a private temporary folder and a local
/// <c>rsync -r --dry-run</c> with the job's <c>--exclude=</c> rules (as the full sync passes them) lists what it would
/// send, so the answer is rsync's own pattern matching, not an imitation. The first rule that excludes a path alone is
/// named (rsync applies the first matching rule).
/// </summary>
public static class FullSyncExcludeTester
{
    private const int MaxSamples = 50;
    private const int MaxRulesNamed = 20;

    public static async Task<IReadOnlyList<FilterTestSample>> TestAsync(IReadOnlyList<FilterTestSample> samples, IReadOnlyList<string> excludes,
        string rsyncPath = "rsync", CancellationToken cancellationToken = default)
    {
        excludes = [.. excludes.Where(e => !string.IsNullOrWhiteSpace(e))];
        var usable = samples.Where(s => IsSafe(s.Path)).Take(MaxSamples).ToList();
        if (usable.Count == 0) return samples;
        var root = Directory.CreateTempSubdirectory("syncconsole-filtertest-");
        try
        {
            var src = Path.Combine(root.FullName, "src");
            Directory.CreateDirectory(src);
            foreach (var s in usable)
            {
                var full = Path.Combine(src, s.Path.Trim('/'));
                if (s.Path.EndsWith('/')) Directory.CreateDirectory(full);
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    if (!Directory.Exists(full)) await File.WriteAllBytesAsync(full, [], cancellationToken);
                }
            }
            var sent = await SentAsync(rsyncPath, src, root.FullName, excludes, cancellationToken);
            if (sent is null) return samples;
            var result = new List<FilterTestSample>();
            foreach (var s in samples)
            {
                if (!usable.Contains(s)) { result.Add(s); continue; }
                var path = s.Path.Trim('/');
                var excluded = !sent.Contains(path);
                string? rule = null;
                if (excluded)
                    foreach (var e in excludes.Take(MaxRulesNamed))
                        if (await SentAsync(rsyncPath, src, root.FullName, [e], cancellationToken) is { } alone && !alone.Contains(path))
                        {
                            rule = $"rsync's --exclude={e}";
                            break;
                        }
                result.Add(s with { FullSyncExcluded = excluded, FullSyncRule = rule ?? (excluded ? "rsync's exclude rules together" : null) });
            }
            return result;
        }
        finally
        {
            try { root.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The full-sync answer of a job whose full syncs also skip its live excludes: a path one of the exclude regexes
    /// excludes (<paramref name="regexAnswer"/>, the live answer without the temp-file rule, which stays live-only) is
    /// excluded, named by that regex; any other keeps rsync's answer (<paramref name="rsyncAnswer"/>, null when unknown).
    /// </summary>
    public static FilterTestSample Combine(FilterTestSample live, FilterTestSample? rsyncAnswer, FilterTestSample? regexAnswer)
    {
        if (regexAnswer is { Excluded: true })
            return live with { FullSyncExcluded = true, FullSyncRule = "the live exclude " + (regexAnswer.Rule ?? "regexes") };
        return rsyncAnswer is null ? live : live with { FullSyncExcluded = rsyncAnswer.FullSyncExcluded, FullSyncRule = rsyncAnswer.FullSyncRule };
    }

    // Sample paths come from the form: relative, no '..', so the temporary tree stays inside its folder.
    private static bool IsSafe(string path)
    {
        var p = path.Trim();
        return p.Length > 0 && !p.StartsWith('/') && !p.Split('/').Any(seg => seg is ".." or ".") && !p.Contains('\0');
    }

    private static async Task<HashSet<string>?> SentAsync(string rsyncPath, string src, string root, IEnumerable<string> excludes, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(rsyncPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-r", "--dry-run", "--out-format=%n" }) psi.ArgumentList.Add(a);
        foreach (var e in excludes) psi.ArgumentList.Add("--exclude=" + e);
        psi.ArgumentList.Add(src + "/");
        psi.ArgumentList.Add(Path.Combine(root, "dst") + "/");
        ChildEnvironment.ApplyTo(psi);
        try
        {
            using var process = Process.Start(psi)!;
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0) return null;
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // rsync missing: the form says the full-sync answer is unknown
        }
    }
}
