using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SyncConsole.Engine.Jobs;

namespace SyncConsole.TestSupport;

/// <summary>
/// A real OpenSSH server (<c>sshd -D -e</c>) on 127.0.0.1 and a free port, running as the current user, with a fresh
/// ed25519 host key, a fresh client key pair that it accepts, and a target folder. Several may run at once.
/// The client files live in a folder whose name has a space, so every test also proves our quoting of ssh options.
/// </summary>
public sealed class SshServerFixture : IAsyncDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";

    private readonly TempDirectory root = new("syncconsole-sshd");
    private readonly string serverDir;
    private Process? process;
    private Task<string>? stderr;

    private SshServerFixture()
    {
        serverDir = root.Combine("server");
        ClientDir = root.Combine("client files");
        TargetPath = root.Combine("target");
        foreach (var d in new[] { serverDir, ClientDir, TargetPath }) Directory.CreateDirectory(d);
        User = Environment.UserName;
        Port = LoopbackPort.Free();
        ClientKeyPath = Path.Combine(ClientDir, "id_ed25519");
        KnownHostsPath = Path.Combine(ClientDir, "known_hosts");
        EmptyKnownHostsPath = Path.Combine(ClientDir, "empty_known_hosts");
        WrongKeyPath = Path.Combine(ClientDir, "wrong_ed25519");
    }

    public int Port { get; }
    public string User { get; }
    /// <summary>Where delivered files land: compare this with the source tree.</summary>
    public string TargetPath { get; }
    public string ClientDir { get; }
    /// <summary>The private key the server accepts.</summary>
    public string ClientKeyPath { get; }
    /// <summary>A second private key the server does not accept.</summary>
    public string WrongKeyPath { get; }
    /// <summary>A known_hosts file with exactly <see cref="KnownHostsLine"/>.</summary>
    public string KnownHostsPath { get; }
    /// <summary>An empty known_hosts file: strict checking refuses the server.</summary>
    public string EmptyKnownHostsPath { get; }
    /// <summary>The known_hosts line for this server's host key (<c>[127.0.0.1]:port ssh-ed25519 AAAA…</c>).</summary>
    public string KnownHostsLine { get; private set; } = "";
    public string ServerLog => stderr is { IsCompleted: true } t ? t.Result : "";

    /// <summary>Generates the keys and starts sshd; fails with a clear message when OpenSSH is not installed.</summary>
    public static async Task<SshServerFixture> StartNewAsync()
    {
        if (!File.Exists(SshdPath))
            throw new InvalidOperationException(
                $"OpenSSH server not installed ({SshdPath} is missing): run ./test.sh, which installs openssh-server and openssh-client with apt.");
        var fixture = new SshServerFixture();
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

    /// <summary>An ssh remote that points at this server with the accepted key and its known_hosts file.</summary>
    public RemoteDefinition Remote(int id = 1, int? timeoutSeconds = 20) => new()
    {
        Id = id,
        Name = $"ssh-{Port}",
        Host = "127.0.0.1",
        Transport = RemoteTransport.Ssh,
        ModuleOrPath = TargetPath,
        User = User,
        Port = Port,
        TimeoutSeconds = timeoutSeconds,
        SshKeyPath = ClientKeyPath,
        KnownHostsPath = KnownHostsPath,
    };

    private async Task StartAsync()
    {
        var hostKey = Path.Combine(serverDir, "ssh_host_ed25519_key");
        await KeygenAsync(hostKey);
        await KeygenAsync(ClientKeyPath);
        await KeygenAsync(WrongKeyPath);
        var authorizedKeys = Path.Combine(serverDir, "authorized_keys");
        File.WriteAllText(authorizedKeys, File.ReadAllText(ClientKeyPath + ".pub"));
        KnownHostsLine = $"[127.0.0.1]:{Port} {File.ReadAllText(hostKey + ".pub").Trim()}";
        File.WriteAllText(KnownHostsPath, KnownHostsLine + "\n");
        File.WriteAllText(EmptyKnownHostsPath, "");

        // As root sshd insists on its privilege-separation directory (a package install makes it only at boot).
        if (Environment.UserName == "root") Directory.CreateDirectory("/run/sshd");

        var config = Path.Combine(serverDir, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress 127.0.0.1
            Port {Port}
            HostKey {hostKey}
            PidFile {Path.Combine(serverDir, "sshd.pid")}
            AuthorizedKeysFile {authorizedKeys}
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            PermitRootLogin prohibit-password
            # The temp folders are world-readable /tmp children; the test keys are throwaway.
            StrictModes no
            LogLevel VERBOSE
            MaxStartups 50
            """);

        var psi = new ProcessStartInfo(SshdPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // sshd re-executes itself, so it needs its absolute path (given above).
        foreach (var a in new[] { "-D", "-e", "-f", config }) psi.ArgumentList.Add(a);
        process = Process.Start(psi)!;
        stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"sshd exited with code {process.ExitCode} on port {Port}: {await stderr}");
            if (await LoopbackPort.AcceptsConnectionsAsync(Port)) return;
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"sshd did not accept connections on port {Port} within 20 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
            process = null;
        }
        root.Dispose();
    }

    private static async Task KeygenAsync(string path)
    {
        var psi = new ProcessStartInfo("ssh-keygen")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-q", "-t", "ed25519", "-N", "", "-C", "syncconsole-test", "-f", path }) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("ssh-keygen not found: run ./test.sh, which installs openssh-client with apt.", e);
        }
        using (p)
        {
            var err = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException($"ssh-keygen failed for {path}: {await err}");
        }
    }

}
