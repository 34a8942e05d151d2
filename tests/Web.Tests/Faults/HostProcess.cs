using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using SyncConsole.TestSupport;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Tests.Faults;

/// <summary>
/// The real host as a child process (<c>dotnet SyncConsole.Web.dll</c> from the Web project's build output, the
/// repository root as working directory), so it can be SIGKILLed like a crashed or power-cut appliance.
/// Everything it prints is kept for the secret checks.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }
    public int ProcessId => process.Id;
    public bool HasExited => process.HasExited;
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string Output { get { lock (output) return output.ToString(); } }

    public static string WebAssemblyPath
    {
        get
        {
            // tests/Web.Tests/bin/<Configuration>/net10.0 → src/Web/bin/<Configuration>/net10.0
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            var configuration = framework.Parent!.Name;
            var path = Path.Combine(SyncConsoleFactory.RepositoryRoot, "src", "Web", "bin", configuration, framework.Name, "SyncConsole.Web.dll");
            if (!File.Exists(path)) throw new InvalidOperationException($"The host is not built: {path}");
            return path;
        }
    }

    /// <summary>Starts the host on a free loopback port and waits until /healthz answers 200.</summary>
    public static async Task<HostProcess> StartAsync(string dataDirectory, string logLevel = "Information")
    {
        var port = LoopbackPort.Free();
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SyncConsoleFactory.RepositoryRoot,
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(WebAssemblyPath);
        psi.Environment["SyncConsole__DataDirectory"] = dataDirectory;
        psi.Environment[EnvironmentVariables.AdminPassword] = SyncConsoleFactory.AdminPassword;
        psi.Environment[EnvironmentVariables.ApiKey] = SyncConsoleFactory.ApiKey;
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Logging__LogLevel__Default"] = logLevel;
        psi.Environment["Logging__Console__FormatterName"] = "simple";

        var host = new HostProcess(Process.Start(psi)!, port);
        host.process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (host.HasExited) throw new InvalidOperationException($"The host exited with {host.process.ExitCode}:\n{host.Output}");
            try
            {
                if ((await probe.GetAsync("healthz")).IsSuccessStatusCode) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The host on port {port} did not become healthy:\n{host.Output}");
            await Task.Delay(100);
        }
        return host;
    }

    public HttpClient CreateApiClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, SyncConsoleFactory.ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>SIGKILL: no shutdown hook, no grace period, no flush (rsync children are left to finish or die on their own).</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }
}
