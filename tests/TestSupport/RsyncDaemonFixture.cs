using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using SyncConsole.Engine.Jobs;

namespace SyncConsole.TestSupport;

/// <summary>
/// A real <c>rsync --daemon</c> on 127.0.0.1 and a free port, with one password-protected writable module
/// in a temp folder. Can be stopped and started again on the same port (outage tests). Several may run at once.
/// </summary>
public sealed class RsyncDaemonFixture : IAsyncDisposable
{
    private readonly TempDirectory root = new("syncconsole-rsyncd");
    private Process? process;

    private readonly string? moduleExclude;
    private readonly int maxConnections;

    private RsyncDaemonFixture(string moduleName, string user, string? moduleExclude, int maxConnections)
    {
        this.moduleExclude = moduleExclude;
        this.maxConnections = maxConnections;
        ModuleName = moduleName;
        User = user;
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        ModulePath = root.Combine("module");
        Directory.CreateDirectory(ModulePath);
        ConfigPath = root.Combine("rsyncd.conf");
        LogPath = root.Combine("rsyncd.log");
        Port = LoopbackPort.Free();
        WriteConfig();
    }

    public int Port { get; }
    public string ModuleName { get; }
    public string User { get; }
    public string Password { get; }
    /// <summary>Where the module's files land: compare this with the source tree.</summary>
    public string ModulePath { get; }
    public string ConfigPath { get; }
    public string LogPath { get; }
    public bool IsRunning => process is { HasExited: false };

    /// <param name="moduleExclude">An rsyncd.conf <c>exclude</c> value: the daemon refuses those files (exit 23 tests).</param>
    /// <param name="maxConnections">The module's rsyncd.conf <c>max connections</c> (0: unlimited).</param>
    public static async Task<RsyncDaemonFixture> StartNewAsync(string moduleName = "backup", string user = "syncuser", string? moduleExclude = null,
        int maxConnections = 0)
    {
        var fixture = new RsyncDaemonFixture(moduleName, user, moduleExclude, maxConnections);
        try
        {
            await fixture.StartAsync();
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>A remote that points at this daemon with the right credentials.</summary>
    public RemoteDefinition Remote(int id = 1, string? password = null, int? timeoutSeconds = 20) => new()
    {
        Id = id,
        Name = $"daemon-{Port}",
        Host = "127.0.0.1",
        Transport = RemoteTransport.Daemon,
        ModuleOrPath = ModuleName,
        User = User,
        Password = password ?? Password,
        Port = Port,
        TimeoutSeconds = timeoutSeconds,
    };

    /// <summary>Starts the daemon (again) on <see cref="Port"/> and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning) return;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string lastError = "";
        while (DateTime.UtcNow < deadline)
        {
            var psi = new ProcessStartInfo("rsync")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "--daemon", "--no-detach", $"--config={ConfigPath}", $"--port={Port}", "--address=127.0.0.1" })
                psi.ArgumentList.Add(a);
            var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEndAsync();
            while (!p.HasExited && DateTime.UtcNow < deadline)
            {
                if (await LoopbackPort.AcceptsConnectionsAsync(Port))
                {
                    process = p;
                    return;
                }
                await Task.Delay(50);
            }
            if (!p.HasExited) { p.Kill(); await p.WaitForExitAsync(); }
            lastError = await stderr;
            // The port may still be held by the previous instance for a moment: try again.
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"rsync daemon did not start on port {Port}: {lastError} {ReadLog()}");
    }

    /// <summary>Kills the daemon and waits until the port refuses connections.</summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        process = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await LoopbackPort.AcceptsConnectionsAsync(Port) && DateTime.UtcNow < deadline) await Task.Delay(50);
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        root.Dispose();
    }


    private void WriteConfig()
    {
        var secrets = root.Combine("rsyncd.secrets");
        using (var fs = new FileStream(secrets, new FileStreamOptions
               {
                   Mode = FileMode.CreateNew, Access = FileAccess.Write,
                   UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
               }))
        using (var w = new StreamWriter(fs))
            w.Write($"{User}:{Password}\n");

        var isRoot = Environment.UserName == "root";
        File.WriteAllText(ConfigPath, $"""
            log file = {LogPath}
            use chroot = no
            max connections = 0

            [{ModuleName}]
                path = {ModulePath}
                read only = no
                {(isRoot ? "uid = root\n    gid = root" : "")}
                auth users = {User}
                secrets file = {secrets}
                strict modes = yes
                # Without chroot rsync munges symlinks by default; trees must compare byte-identical.
                munge symlinks = no
                {(moduleExclude is null ? "" : "exclude = " + moduleExclude)}
                max connections = {maxConnections}
                lock file = {root.Combine("rsyncd.lock")}
            """);
    }

}
