using System.Diagnostics;
using System.Text;

namespace SyncConsole.Web.Tests.Hosting;

/// <summary>
/// <c>dotnet SyncConsole.Web.dll ARGS</c> as a real child process (argument list, chosen working directory and
/// environment), as an administrator or systemd would start it. Output is collected as it comes.
/// </summary>
public sealed class WebProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private WebProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The DLL built with the same configuration as this test assembly (a project reference).</summary>
    public static string Dll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(SyncConsoleFactory.RepositoryRoot, "src", "Web", "bin", configuration, "net10.0", "SyncConsole.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} not built");
        return dll;
    }

    public static WebProcess Start(string workingDirectory, IDictionary<string, string?> environment, params string[] args) =>
        StartProgram("dotnet", [Dll(), .. args], workingDirectory, environment);

    public static WebProcess StartProgram(string program, IEnumerable<string> args, string workingDirectory, IDictionary<string, string?> environment)
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        // The test host's own settings must not leak into the child.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("SyncConsole__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("SYNCCONSOLE_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        return new WebProcess(Process.Start(psi)!);
    }

    /// <summary>Runs to the end (a server that started by mistake would not end: the timeout makes that a failure).</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string workingDirectory, IDictionary<string, string?> environment, params string[] args)
    {
        using var child = Start(workingDirectory, environment, args);
        var exit = await child.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, child.Output, child.Errors);
    }

    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public string Output { get { lock (stdout) return stdout.ToString(); } }
    public string Errors { get { lock (stderr) return stderr.ToString(); } }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the process did not exit within {timeout}; output: {Output} {Errors}");
        }
        process.WaitForExit(); // flushes the asynchronous output readers
        return process.ExitCode;
    }

    /// <summary>SIGTERM, as systemd's stop sends it.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString() }, UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
