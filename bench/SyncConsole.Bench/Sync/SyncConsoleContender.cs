using System.Diagnostics;
using System.Threading.Channels;

namespace SyncConsole.Bench.Sync;

/// <summary>
/// The SyncConsole engine (watcher, coalescer, rsync delivery) in a separate process: the bench's <c>agent</c> verb.
/// <paramref name="environment"/> is added to the agent's environment (e.g. <c>DOTNET_gcServer=1</c> as the web host runs).
/// </summary>
internal sealed class SyncConsoleContender(IReadOnlyDictionary<string, string>? environment = null) : Contender
{
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();

    public override string Name => "SyncConsole engine (agent)";

    public override async Task StartAsync(string src, Target target, string workDir)
    {
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        // Under `dotnet Bench.dll` the process is dotnet itself: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(SyncConsoleContender).Assembly.Location);
        foreach (var a in new[] { "agent", src, target.Host, target.Port.ToString(), target.Module, target.User, target.PasswordFile })
            psi.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        Process = Process.Start(psi)!;
        _ = PumpAsync(Process.StandardOutput);
        var ready = await ReadLineAsync(TimeSpan.FromMinutes(5));
        if (ready != "READY") throw new InvalidOperationException($"SyncConsole agent did not start: {ready}");
    }

    /// <summary>Sends one command line to the agent (<c>mem</c>, <c>gc</c>) and returns its one-line answer.</summary>
    public async Task<string> AskAsync(string command)
    {
        await Process!.StandardInput.WriteLineAsync(command);
        await Process.StandardInput.FlushAsync();
        return await ReadLineAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("the agent exited");
    }

    private async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { return await lines.Reader.ReadAsync(cts.Token); }
        catch (ChannelClosedException) { return null; }
    }

    private async Task PumpAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line) await lines.Writer.WriteAsync(line);
        lines.Writer.TryComplete();
    }
}
