using System.Diagnostics;
using SyncConsole.TestSupport;

namespace SyncConsole.Web.Tests.Hosting;

/// <summary>
/// deploy/syncconsole.service passes <c>systemd-analyze verify</c> (no systemd as PID 1 needed). The unit is verified
/// inside a temporary root that holds the host's own units (the targets it refers to) and an executable at its
/// ExecStart path, as the package installs it.
/// </summary>
public sealed class SystemdUnitTests : IDisposable
{
    private const string SystemUnits = "/usr/lib/systemd/system";
    private readonly TempDirectory root = new("syncconsole-unit");

    public void Dispose() => root.Dispose();

    private static string Unit => Path.Combine(SyncConsoleFactory.RepositoryRoot, "deploy", "syncconsole.service");

    [SkippableFact]
    public async Task UnitFile_PassesSystemdAnalyzeVerify()
    {
        Skip.If(!File.Exists("/usr/bin/systemd-analyze"), "systemd-analyze is not installed (apt-get install systemd): the unit test is skipped");
        var (exit, output) = await VerifyAsync(await File.ReadAllTextAsync(Unit));

        Assert.True(exit == 0 && output.Trim() == "", $"exit {exit}: {output}");
    }

    [SkippableFact]
    public async Task Verify_ABrokenUnit_IsReported()
    {
        // The check above can fail: a misspelt key is what verify reports.
        Skip.If(!File.Exists("/usr/bin/systemd-analyze"), "systemd-analyze is not installed: skipped");
        var broken = (await File.ReadAllTextAsync(Unit)).Replace("ProtectSystem=strict", "ProtectSystm=strict");

        var (_, output) = await VerifyAsync(broken);

        Assert.Contains("Unknown key 'ProtectSystm'", output);
    }

    [Fact]
    public async Task UnitFile_IsNotifyForTheServiceUserWithItsStateDirectoryAndABoundedStop()
    {
        var unit = await File.ReadAllTextAsync(Unit);

        foreach (var line in new[] { "Type=notify", "User=syncconsole", "StateDirectory=syncconsole", "ExecStart=/usr/lib/syncconsole/SyncConsole.Web serve",
                     "KillMode=mixed", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=read-only", "PrivateTmp=yes", "RestartPreventExitStatus=2 3 4 5 6" })
            Assert.Contains(line + "\n", unit);
        // The stop timeout leaves room for the rsync grace period (20 s) and the host's margin (10 s).
        var timeout = int.Parse(unit.Split('\n').Single(l => l.StartsWith("TimeoutStopSec=", StringComparison.Ordinal))["TimeoutStopSec=".Length..]);
        Assert.True(timeout > new Web.Hosting.EngineOptions().ShutdownGraceSeconds + Web.Hosting.ServerHost.ShutdownMargin.TotalSeconds);
    }

    private async Task<(int Exit, string Output)> VerifyAsync(string unitText)
    {
        var units = root.Combine("usr", "lib", "systemd", "system");
        Directory.CreateDirectory(units);
        foreach (var file in Directory.EnumerateFiles(SystemUnits).Where(f => f.EndsWith(".target", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(units, Path.GetFileName(file)), overwrite: true);
        await File.WriteAllTextAsync(Path.Combine(units, "syncconsole.service"), unitText);
        var exec = root.Combine("usr", "lib", "syncconsole", "SyncConsole.Web");
        Directory.CreateDirectory(Path.GetDirectoryName(exec)!);
        await File.WriteAllTextAsync(exec, "#!/bin/sh\n");
        File.SetUnixFileMode(exec, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var psi = new ProcessStartInfo("systemd-analyze") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "verify", "--man=no", $"--root={root.Path}", "syncconsole.service" }) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
