using System.Diagnostics;

namespace SyncConsole.Engine.Processes;

/// <summary>
/// The one place that decides what a child process (rsync, the ssh it starts, plugin programs, probes) sees of
/// the host's environment: an allow-list, so the service's own secrets (<c>SYNCCONSOLE_*</c>, <c>ASPNETCORE_*</c>,
/// <c>DOTNET_*</c>, connection strings, <c>RSYNC_*</c> passwords or remote shells) never reach a program a job runs.
/// </summary>
public static class ChildEnvironment
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>What rsync, ssh and ordinary scripts need: where programs are, whose home, which locale and time zone.</summary>
    public static readonly IReadOnlyList<string> Passed = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR"];

    /// <summary>The variables a child gets, taken from <paramref name="host"/> (this process's environment when null).</summary>
    public static IReadOnlyDictionary<string, string> Build(IReadOnlyDictionary<string, string?>? host = null)
    {
        host ??= Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var child = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Passed)
            if (host.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)) child[name] = value;
        child.TryAdd("PATH", DefaultPath);
        return child;
    }

    /// <summary>Replaces the inherited environment of <paramref name="start"/> with <see cref="Build"/>'s.</summary>
    public static ProcessStartInfo ApplyTo(ProcessStartInfo start, IReadOnlyDictionary<string, string?>? host = null)
    {
        start.Environment.Clear();
        foreach (var (name, value) in Build(host)) start.Environment[name] = value;
        return start;
    }
}
