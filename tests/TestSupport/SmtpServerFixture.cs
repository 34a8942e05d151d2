using System.Diagnostics;
using MimeKit;

namespace SyncConsole.TestSupport;

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's python3-aiosmtpd started as a child process, writing every message it
/// accepts to a folder. With a user it requires AUTH (PLAIN/LOGIN, allowed without TLS on loopback) and answers a wrong
/// password with 535. The password reaches the child through its environment, not its argv.
/// </summary>
public sealed class SmtpServerFixture : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private const string Script = """
        import os, sys, time, uuid
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword
        folder, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        password = os.environ.get("SMTP_TEST_PASSWORD", "")
        class Handler:
            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(folder, "%d-%s.eml" % (time.time_ns(), uuid.uuid4().hex))
                with open(name + ".tmp", "wb") as f:
                    f.write(envelope.original_content or envelope.content)
                os.rename(name + ".tmp", name)
                return "250 Message accepted for delivery"
        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)
        kwargs = dict(authenticator=authenticate, auth_required=True, auth_require_tls=False) if user else {}
        controller = Controller(Handler(), hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        print("ready", flush=True)
        sys.stdin.read()
        controller.stop()
        """;

    private readonly Process process;
    private readonly TempDirectory folder = new("smtp-fixture");

    private SmtpServerFixture(Process process, int port, string? user, string? password)
    {
        this.process = process;
        Port = port;
        User = user;
        Password = password;
    }

    public int Port { get; }
    public string? User { get; }
    public string? Password { get; }
    public string MailFolder => folder.Path;

    /// <summary>Whether Debian's python3-aiosmtpd is installed (test.sh installs it; tests skip honestly without it).</summary>
    public static bool Available { get; } = File.Exists(Python) && RunsOk(Python, "-c", "import aiosmtpd");

    public static async Task<SmtpServerFixture> StartAsync(string? user = null, string? password = null)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        var process = new Process { StartInfo = start };
        var fixture = new SmtpServerFixture(process, port, user, password);
        start.ArgumentList.Add(fixture.MailFolder);
        start.ArgumentList.Add(port.ToString());
        start.ArgumentList.Add(user ?? "");
        start.Environment["SMTP_TEST_PASSWORD"] = password ?? "";
        process.Start();
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "ready")
            throw new InvalidOperationException($"aiosmtpd did not start: {await process.StandardError.ReadToEndAsync()}");
        return fixture;
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(5000)) process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException) { }
        await process.WaitForExitAsync();
        process.Dispose();
        folder.Dispose();
    }

    private static bool RunsOk(string program, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            p.WaitForExit(20_000);
            return p.HasExited && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
