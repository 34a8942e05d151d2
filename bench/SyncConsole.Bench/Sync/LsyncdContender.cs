using System.Diagnostics;

namespace SyncConsole.Bench.Sync;

/// <summary>lsyncd 2.x with default.rsync to the same daemon module, at the given aggregation delay.</summary>
internal sealed class LsyncdContender(double delaySeconds) : Contender
{
    public override string Name => $"lsyncd (delay {delaySeconds} s)";

    public override async Task StartAsync(string src, Target target, string workDir)
    {
        var log = Path.Combine(workDir, "lsyncd.log");
        var config = Path.Combine(workDir, "lsyncd.conf.lua");
        File.WriteAllText(config, $$"""
            settings { logfile = "{{log}}", statusFile = "{{workDir}}/lsyncd.status", nodaemon = true, maxProcesses = 1 }
            sync {
                default.rsync,
                source = "{{src}}/",
                target = "{{target.Url}}",
                delay = {{delaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}},
                rsync = { archive = true, compress = false, password_file = "{{target.PasswordFile}}" },
            }
            """);
        var psi = new ProcessStartInfo("lsyncd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-nodaemon");
        psi.ArgumentList.Add(config);
        Process = Process.Start(psi)!;
        _ = Process.StandardOutput.ReadToEndAsync();
        _ = Process.StandardError.ReadToEndAsync();
        // lsyncd runs its initial full rsync first; "Startup of ... finished" marks the start of live watching.
        await WaitUntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("finished"), TimeSpan.FromMinutes(5), "lsyncd");
        if (Process.HasExited) throw new InvalidOperationException("lsyncd exited: " + File.ReadAllText(log));
    }
}
