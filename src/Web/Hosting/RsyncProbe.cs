using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SyncConsole.Web.Hosting;

/// <summary>Finds rsync on PATH and asks its version, so a missing binary is reported at start, not at the first sync.</summary>
public static partial class RsyncProbe
{
    /// <param name="searchPath">A PATH-style folder list; null means this process's PATH.</param>
    public static async Task<RsyncStatus> ProbeAsync(string? searchPath = null, CancellationToken cancellationToken = default)
    {
        var path = FindOnPath("rsync", searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "");
        if (path is null) return new RsyncStatus(false, null, null, "rsync was not found on PATH; install it (apt-get install rsync).");
        try
        {
            var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("--version");
            SyncConsole.Engine.Processes.ChildEnvironment.ApplyTo(start);
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var match = VersionPattern().Match(output);
            return process.ExitCode == 0
                ? new RsyncStatus(true, path, match.Success ? match.Groups[1].Value : output.Split('\n')[0].Trim(), null)
                : new RsyncStatus(false, path, null, $"'{path} --version' exited with code {process.ExitCode}.");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return new RsyncStatus(false, path, null, $"rsync at {path} could not be started: {e.Message}");
        }
    }

    private static string? FindOnPath(string program, string searchPath) =>
        searchPath
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"rsync\s+version\s+v?(\S+)")]
    private static partial Regex VersionPattern();
}
