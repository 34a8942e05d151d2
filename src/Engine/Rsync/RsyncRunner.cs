using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using SyncConsole.Engine.Processes;

namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Starts rsync with an argument list (never a shell), feeds the file list on stdin, keeps the password and
/// filter rules in a private 0700 folder (the remote's own, see <see cref="RsyncPrivateFiles"/>, or one made for the run
/// and removed after it), and kills the process on cancellation.
/// </summary>
/// <param name="ledger">Records each child so a restart after a crash can end it; null only where no restart follows (tests, tools).</param>
/// <param name="privateRoot">Where the private password/filter folders go; the system temp folder when null.</param>
public sealed class RsyncRunner(TimeProvider clock, ChildProcessLedger? ledger, string? privateRoot = null, string rsyncPath = "rsync") : IRsyncRunner
{
    private const int MaxCaptured = 256 * 1024;

    /// <summary>Called with the child's pid right after it started (tests read /proc/PID/cmdline).</summary>
    public Action<int>? ProcessStarted { get; set; }

    public string RsyncPath { get; } = rsyncPath;

    /// <summary>A private folder for one remote's runs, lasting until disposed (its worker's lifetime).</summary>
    public RsyncPrivateFiles CreatePrivateFiles() => new(privateRoot);

    /// <param name="keepAllStdout">Keep stdout whole (verify, probe) instead of its tail; capped at 64 MiB.</param>
    /// <param name="progress">When given, the run adds <c>--info=progress2</c> and every progress line is reported as it
    /// streams (the option is the engine's own: the allow-list refuses it in a job's params, where it would hide nothing
    /// but is not the job's business).</param>
    /// <param name="privateFiles">The remote's private folder; null makes one for this run and removes it after.</param>
    public async Task<RsyncResult> RunAsync(RsyncInvocation invocation, CancellationToken cancellationToken, bool keepAllStdout = false,
        Action<RsyncProgress>? progress = null, RsyncPrivateFiles? privateFiles = null)
    {
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        using var ownFiles = privateFiles is null && (invocation.Password is not null || invocation.FilterRules is not null) ? CreatePrivateFiles() : null;
        var files = privateFiles ?? ownFiles;
        string? filterFile = null;
        try
        {
            var args = new List<string>(invocation.Options);
            if (progress is not null) args.Add("--info=progress2");
            if (invocation.Password is { } password)
                args.Add("--password-file=" + files!.PasswordFile(password));
            if (invocation.FilterRules is { } rules)
                args.Add("--filter=. " + (filterFile = files!.FilterFile(rules)));
            args.AddRange(invocation.Operands);
            var commandLine = RsyncCommandLine.Format(args);

            var psi = new ProcessStartInfo(RsyncPath)
            {
                WorkingDirectory = invocation.WorkingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var a in args) psi.ArgumentList.Add(a);
            // A minimal environment: the host's secrets stay in the host, and inherited RSYNC_* variables (a password,
            // a remote shell, a connect program) must not change the run. ssh, started by rsync, inherits this one.
            ChildEnvironment.ApplyTo(psi);

            using var process = new Process { StartInfo = psi };
            try { process.Start(); }
            catch (Win32Exception e)
            {
                return new RsyncResult
                {
                    ExitCode = RsyncExitCodes.NotFound, Stderr = $"could not start {RsyncPath}: {e.Message}",
                    Duration = watch.Elapsed, StartedAt = started, CommandLine = commandLine,
                };
            }
            // Recorded so that a restart after a crash can end this rsync if it outlives us.
            using var record = ledger?.Record(process);
            ProcessStarted?.Invoke(process.Id);

            var stdoutTask = Capture(process.StandardOutput, keepAllStdout ? 64 * 1024 * 1024 : MaxCaptured, progress is null ? null : new ProgressReader(progress));
            var stderrTask = Capture(process.StandardError, MaxCaptured);
            var stdinTask = Feed(process.StandardInput.BaseStream, invocation.FilesFrom);

            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            await stdinTask.ConfigureAwait(false);
            var stdout = await stdoutTask.ConfigureAwait(false);
            var stderr = await stderrTask.ConfigureAwait(false);
            return new RsyncResult
            {
                ExitCode = process.ExitCode,
                Stats = RsyncStatsParser.Parse(stdout),
                Stdout = stdout,
                Stderr = stderr,
                Duration = watch.Elapsed,
                StartedAt = started,
                CommandLine = commandLine,
            };
        }
        finally
        {
            // The remote's folder stays (and its password file); this run's filter file is free for the next run.
            if (filterFile is not null && ownFiles is null) files!.Release(filterFile);
        }
    }

    private static async Task Feed(Stream stdin, byte[]? content)
    {
        try
        {
            if (content is { Length: > 0 }) await stdin.WriteAsync(content).ConfigureAwait(false);
        }
        catch (IOException) { } // rsync quit early (auth failure); its exit code tells why
        finally
        {
            try { await stdin.DisposeAsync().ConfigureAwait(false); } catch (IOException) { }
        }
    }

    private static async Task<string> Capture(StreamReader reader, int max, ProgressReader? progress = null)
    {
        var sb = new StringBuilder();
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            progress?.Read(buffer.AsSpan(0, n));
            sb.Append(buffer, 0, n);
            if (sb.Length > max * 2) sb.Remove(0, sb.Length - max);
        }
        if (sb.Length > max) sb.Remove(0, sb.Length - max);
        return sb.ToString();
    }

    /// <summary>Cuts streamed stdout into pieces at <c>\r</c> and <c>\n</c> (rsync redraws its progress line with <c>\r</c>)
    /// and reports the pieces that are progress lines, as they arrive.</summary>
    private sealed class ProgressReader(Action<RsyncProgress> report)
    {
        private readonly StringBuilder line = new();

        public void Read(ReadOnlySpan<char> chunk)
        {
            foreach (var c in chunk)
            {
                if (c is '\r' or '\n')
                {
                    if (line.Length > 0 && RsyncProgressParser.TryParse(line.ToString()) is { } p) report(p);
                    line.Clear();
                }
                // A line longer than any progress line is a file name: stop growing it.
                else if (line.Length < 512) line.Append(c);
            }
        }
    }
}
