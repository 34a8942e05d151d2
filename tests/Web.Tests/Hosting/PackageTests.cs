using System.Diagnostics;
using SyncConsole.TestSupport;

namespace SyncConsole.Web.Tests.Hosting;

/// <summary>
/// <c>deploy/package.sh</c> builds a .deb with dpkg-deb; its files and maintainer scripts are unpacked and checked.
/// Kept cheap: a framework-dependent publish of the Debug build already made (--no-build), gzip instead of xz.
/// The published layout is then started from <c>/</c> with the packaged /etc file: its own folder is the content root.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly TempDirectory temp = new("syncconsole-package");

    public void Dispose() => temp.Dispose();

    [SkippableFact]
    public async Task PackageScript_Deb_HasUnitConfigBinariesAndMaintainerScriptsInPlace()
    {
        Skip.If(!File.Exists("/usr/bin/dpkg-deb"), "dpkg-deb is not installed: the package test is skipped");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

        var (exit, output) = await RunAsync("bash", [Path.Combine(SyncConsoleFactory.RepositoryRoot, "deploy", "package.sh"),
            "--formats", "deb", "--rid", "linux-x64", "--framework-dependent", "--configuration", configuration, "--no-build",
            "--deb-compression", "gzip", "--property", "CompressionEnabled=false", "--version", "1.2.3", "--out", temp.Combine("out")]);
        Assert.True(exit == 0, output);
        var deb = temp.Combine("out", "syncconsole_1.2.3_amd64.deb");
        Assert.True(File.Exists(deb), output);

        var root = temp.Combine("root");
        var control = temp.Combine("control");
        Assert.Equal(0, (await RunAsync("dpkg-deb", ["-x", deb, root])).Exit);
        Assert.Equal(0, (await RunAsync("dpkg-deb", ["-e", deb, control])).Exit);

        var app = Path.Combine(root, "usr", "lib", "syncconsole");
        Assert.True(File.Exists(Path.Combine(app, "SyncConsole.Web.dll")));
        Assert.True(File.GetUnixFileMode(Path.Combine(app, "SyncConsole.Web")).HasFlag(UnixFileMode.UserExecute), "the apphost is not executable");
        Assert.True(new FileInfo(Path.Combine(app, "wwwroot", "css", "app.css")).Length > 100, "wwwroot/css/app.css missing or empty");
        Assert.True(File.Exists(Path.Combine(app, "appsettings.json")));
        Assert.False(File.Exists(Path.Combine(app, "appsettings.Development.json")));
        Assert.True(File.GetUnixFileMode(Path.Combine(root, "usr", "bin", "syncconsole")).HasFlag(UnixFileMode.OtherExecute));
        Assert.Contains("Type=notify", await File.ReadAllTextAsync(Path.Combine(root, "usr", "lib", "systemd", "system", "syncconsole.service")));
        var etc = Path.Combine(root, "etc", "syncconsole", "appsettings.json");
        Assert.Contains("/var/lib/syncconsole", await File.ReadAllTextAsync(etc));

        // The admin's file is a conffile: an upgrade never overwrites it.
        Assert.Equal("/etc/syncconsole/appsettings.json", (await File.ReadAllTextAsync(Path.Combine(control, "conffiles"))).Trim());
        var fields = await File.ReadAllTextAsync(Path.Combine(control, "control"));
        Assert.Contains("Package: syncconsole", fields);
        Assert.Contains("Version: 1.2.3", fields);
        Assert.Contains("Architecture: amd64", fields);
        foreach (var script in new[] { "postinst", "prerm", "postrm" })
            Assert.True(File.GetUnixFileMode(Path.Combine(control, script)).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
        var postinst = await File.ReadAllTextAsync(Path.Combine(control, "postinst"));
        Assert.Contains("adduser --system", postinst);
        Assert.Contains("install -d -m 0700 -o syncconsole -g syncconsole /var/lib/syncconsole", postinst);
        foreach (var script in new[] { "postinst", "prerm", "postrm" })
            Assert.Equal(0, (await RunAsync("sh", ["-n", Path.Combine(control, script)])).Exit);

        // The published layout, started from "/" with the packaged settings: its own folder is the content root and
        // the data goes to /var/lib/syncconsole (check-config creates nothing).
        var (checkExit, checkOutput) = await RunAsync("dotnet", [Path.Combine(app, "SyncConsole.Web.dll"), "check-config"],
            new() { ["SYNCCONSOLE_CONFIG"] = etc });
        Assert.True(checkExit is 0 or 7, checkOutput);
        Assert.Contains($"content root:   {app}{Path.DirectorySeparatorChar}", checkOutput);
        Assert.Contains($"settings file:  {Path.Combine(app, "appsettings.json")}", checkOutput);
        Assert.Contains($"settings file:  {etc}", checkOutput);
        Assert.Contains("data directory: /var/lib/syncconsole", checkOutput);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, IEnumerable<string> args, Dictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("SyncConsole__", StringComparison.OrdinalIgnoreCase)).ToList()) psi.Environment.Remove(key);
        foreach (var (key, value) in environment ?? []) psi.Environment[key] = value;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"{program} {string.Join(' ', args)} did not exit"); }
        return (process.ExitCode, await stdout + await stderr);
    }
}
