using System.Diagnostics;
using SyncConsole.TestSupport;

namespace SyncConsole.Bench.Sync;

/// <summary>The bench's own plain rsync calls: making the destination a replica first, and counting what still differs after.</summary>
internal static class Replica
{
    /// <summary>A new source tree for the workload and a destination made identical to it before any tool starts.</summary>
    public static async Task<string> FreshAsync(Workload workload, int trials, TempDirectory work, Target target)
    {
        var src = work.Combine("src");
        if (Directory.Exists(src)) Directory.Delete(src, recursive: true);
        Directory.CreateDirectory(src);
        workload.Prepare(src, trials);
        var code = await RunRsyncAsync(["-a", "--delete", src + "/", target.ModulePath + "/"]);
        if (code != 0) throw new InvalidOperationException($"local replica rsync exited {code}");
        return src;
    }

    /// <summary>Content-checksum dry run over the whole tree: the number of paths that still differ.</summary>
    public static async Task<int> CountDifferencesAsync(string src, string dst)
    {
        var psi = new ProcessStartInfo("rsync") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-anc", "--delete", "--itemize-changes", src + "/", dst + "/" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => !l.StartsWith(".d", StringComparison.Ordinal));
    }

    public static async Task<int> RunRsyncAsync(string[] args)
    {
        var psi = new ProcessStartInfo("rsync") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) Console.Error.WriteLine(await err);
        return p.ExitCode;
    }
}
