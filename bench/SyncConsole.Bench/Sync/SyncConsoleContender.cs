using System.Diagnostics;

namespace SyncConsole.Bench.Sync;

/// <summary>The SyncConsole engine (watcher, coalescer, rsync delivery) in a separate process: the bench's <c>agent</c> verb.</summary>
internal sealed class SyncConsoleContender : Contender
{
    public override string Name => "SyncConsole";

    public override async Task StartAsync(string src, Target target, string workDir)
    {
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        // Under `dotnet Bench.dll` the process is dotnet itself: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(SyncConsoleContender).Assembly.Location);
        foreach (var a in new[] { "agent", src, target.Host, target.Port.ToString(), target.Module, target.User, target.PasswordFile })
            psi.ArgumentList.Add(a);
        Process = Process.Start(psi)!;
        var ready = await Process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (ready != "READY") throw new InvalidOperationException($"SyncConsole agent did not start: {ready}");
        _ = Process.StandardOutput.ReadToEndAsync();
    }
}
