using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace SyncConsole.TestSupport;

/// <summary>Asserts that two folder trees hold the same files, folders, symlinks and bytes.</summary>
public static class TreeAssert
{
    /// <summary>
    /// Compares the sets of files, folders and symlinks (with their targets) and every file's bytes. Names
    /// that are not valid UTF-8 cannot be opened through .NET strings, so GNU <c>diff -r</c> (which works on
    /// raw bytes) checks the trees as well.
    /// </summary>
    public static void Identical(string left, string right)
    {
        var l = Snapshot(left);
        var r = Snapshot(right);
        var problems = new List<string>();
        foreach (var (path, entry) in l)
        {
            if (!r.TryGetValue(path, out var other)) problems.Add($"only in left:  {Show(path)} ({entry.Kind})");
            else if (entry != other) problems.Add($"differs:       {Show(path)} (left {entry.Describe()}, right {other.Describe()})");
        }
        foreach (var (path, entry) in r)
            if (!l.ContainsKey(path)) problems.Add($"only in right: {Show(path)} ({entry.Kind})");

        var diff = RawDiff(left, right);
        if (diff is not null) problems.Add("diff -r --no-dereference:\n" + diff);
        if (problems.Count > 0)
            throw new XunitException($"Trees differ\n  left:  {left}\n  right: {right}\n" + string.Join("\n", problems.Take(50).Select(p => "  " + p)));
    }

    /// <summary>The same comparison as a condition, for waiting until two trees converge.</summary>
    public static bool AreIdentical(string left, string right)
    {
        try { Identical(left, right); return true; }
        catch (Exception e) when (e is XunitException or IOException or UnauthorizedAccessException) { return false; }
    }

    private static string Show(string path) => path.Replace("\n", "\\n");

    private sealed record Entry(string Kind, string? Content)
    {
        public string Describe() => Kind == "file" ? $"file of {Content?.Length / 2} bytes" : $"{Kind} {Content}";
    }

    private static Dictionary<string, Entry> Snapshot(string root)
    {
        var result = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var info in new DirectoryInfo(root).EnumerateFileSystemInfos("*", options))
        {
            var rel = Path.GetRelativePath(root, info.FullName);
            if (info.LinkTarget is { } target) result[rel] = new Entry("symlink", target);
            else if (info is DirectoryInfo) result[rel] = new Entry("dir", null);
            else if (rel.Contains('\uFFFD')) result[rel] = new Entry("file", null); // raw-byte name: diff -r checks it
            else result[rel] = new Entry("file", Convert.ToHexString(File.ReadAllBytes(info.FullName)));
        }
        return result;
    }

    private static string? RawDiff(string left, string right)
    {
        var psi = new ProcessStartInfo("diff") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-r", "--no-dereference", left, right }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode == 0) return null;
        var text = new StringBuilder(output.Result).Append(error.Result).ToString();
        return text.Length > 4000 ? text[..4000] + "…" : text;
    }
}
