using System.Diagnostics;

namespace SyncConsole.TestSupport;

/// <summary>
/// A tmpfs mounted over a folder (as root), for tests of a watch folder whose file system changed (an unmounted or
/// replaced disk). Tests call <see cref="MountAsync"/> and skip with its answer when the machine cannot mount.
/// </summary>
public static class TmpfsMount
{
    /// <summary>Null when mounted, else why not (not root, no mount in this container, ...).</summary>
    public static async Task<string?> MountAsync(string path)
    {
        var (code, text) = await RunAsync("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", path);
        return code == 0 ? null : $"mount exited {code}: {text.Trim()}";
    }

    public static async Task UnmountAsync(string path) => await RunAsync("umount", path);

    private static async Task<(int Code, string Stderr)> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            return (p.ExitCode, await stderr);
        }
        catch (System.ComponentModel.Win32Exception e) { return (-1, e.Message); }
    }
}
