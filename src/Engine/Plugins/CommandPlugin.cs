using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Processes;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Plugins;

/// <summary>
/// sersync's command plugin: <c>prefix absolute-path suffix</c> for each delivered path. Unlike sersync's
/// <c>system()</c>, no shell parses the line: the prefix and suffix are split into words once and the path is
/// always exactly one argument, so a file named <c>x; rm -rf /</c> is only a name. The default prefix
/// <c>/bin/sh</c> keeps sersync's behaviour of executing the delivered file as a script: that is what the
/// setting means, so it stays, and the README warns about it.
/// </summary>
public sealed class CommandPlugin : IDeliveryPlugin
{
    private const int OutputTail = 2000;
    private readonly CommandPluginSettings settings;
    private readonly EngineEventStream events;
    private readonly int maxConcurrent;
    private readonly IReadOnlyList<string> prefix;
    private readonly IReadOnlyList<string> suffix;
    private readonly IReadOnlyList<Regex> includes;

    /// <exception cref="FormatException">The prefix is empty or has an unterminated quote, or a regex is invalid.</exception>
    public CommandPlugin(CommandPluginSettings settings, EngineEventStream events, int maxConcurrent = 4)
    {
        this.settings = settings;
        this.events = events;
        this.maxConcurrent = Math.Max(1, maxConcurrent);
        prefix = RsyncArgumentTokenizer.Split(settings.Prefix);
        if (prefix.Count == 0) throw new FormatException("The command plugin needs a program (prefix).");
        suffix = RsyncArgumentTokenizer.Split(settings.Suffix);
        try
        {
            // sersync whole-matches its include regexes against the absolute path.
            includes = settings.FilterEnabled
                ? settings.IncludeRegexes.Select(r => new Regex($"^(?:{r})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).ToList()
                : [];
        }
        catch (ArgumentException e) { throw new FormatException($"Invalid include regex: {e.Message}", e); }
    }

    public PluginKind Kind => PluginKind.Command;
    public bool RunsPerRemote => false;

    /// <summary>The argument list for one path: program, prefix words, the path, suffix words.</summary>
    public IReadOnlyList<string> ArgumentsFor(string absolutePath) => [.. prefix, absolutePath, .. suffix];

    public bool Includes(string absolutePath) =>
        !settings.FilterEnabled || includes.Any(r => r.IsMatch(absolutePath));

    public async Task RunAsync(DeliveredBatch batch, CancellationToken cancellationToken)
    {
        var paths = batch.Paths.Where(p => Includes(batch.AbsolutePath(p))).ToList();
        await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = maxConcurrent, CancellationToken = cancellationToken },
            async (path, ct) => await RunOneAsync(batch, path.RelativePath, batch.AbsolutePath(path), ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task RunOneAsync(DeliveredBatch batch, string relative, string absolute, CancellationToken cancellationToken)
    {
        var argv = ArgumentsFor(absolute);
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = Directory.Exists(batch.Job.WatchPath) ? batch.Job.WatchPath : "/",
        };
        foreach (var a in argv.Skip(1)) info.ArgumentList.Add(a);
        // A plugin's output lands in events everyone with a login sees: it must not inherit the host's secrets.
        ChildEnvironment.ApplyTo(info);

        var started = Stopwatch.StartNew();
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e)
        {
            Publish(EngineEventKind.PluginFailed, batch, relative, null, started, $"command: cannot start '{argv[0]}': {e.Message}");
            return;
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The program may have started children (a shell script does): end the whole tree.
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            Publish(EngineEventKind.PluginFailed, batch, relative, null, started,
                cancellationToken.IsCancellationRequested
                    ? "command: stopped with the job"
                    : $"command: timed out after {settings.TimeoutSeconds} s and was killed. {Tail(output)}");
            return;
        }
        process.WaitForExit(); // flushes the redirected output
        var exit = process.ExitCode;
        var failed = exit != 0 && !settings.IgnoreError;
        Publish(failed ? EngineEventKind.PluginFailed : EngineEventKind.PluginRan, batch, relative, exit, started,
            $"command: exit {exit}{(exit != 0 && settings.IgnoreError ? " (ignored)" : "")}. {Tail(output)}".TrimEnd(' ', '.'));
    }

    private void Publish(EngineEventKind kind, DeliveredBatch batch, string relative, int? exit, Stopwatch started, string message) =>
        events.Publish(new EngineEvent
        {
            Kind = kind, JobId = batch.Job.Id, RemoteId = batch.Remote?.Id, Path = relative, PathCount = 1, ExitCode = exit,
            DurationMs = started.Elapsed.TotalMilliseconds, Message = message,
        });

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.AppendLine(line);
            if (output.Length > OutputTail * 2) output.Remove(0, output.Length - OutputTail);
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString().Trim();
            return text.Length <= OutputTail ? text : text[^OutputTail..];
        }
    }
}
