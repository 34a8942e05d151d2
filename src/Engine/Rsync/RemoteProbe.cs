using System.Text.RegularExpressions;
using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Rsync;

/// <summary>"Test connection": <c>rsync --list-only</c> against the remote, its outcome in plain words.</summary>
public sealed partial class RemoteProbe(IRsyncRunner runner)
{
    [GeneratedRegex(@"^[-dlcbps][-rwxsStT]{9}\S*\s+\d[\d,.]*\s+\S+\s+\S+\s+(.*)$", RegexOptions.Multiline)]
    private static partial Regex ListingLine();

    /// <summary>
    /// The cheap check auto-heal repeats while a remote is down: a TCP connect to its port first (no process when
    /// nothing listens), and only when that connects, the real <c>rsync --list-only</c> (the daemon or sshd may
    /// accept the connection and still refuse the login or the module).
    /// </summary>
    public async Task<ProbeResult> ReachAsync(RemoteDefinition remote, CancellationToken cancellationToken)
    {
        var port = remote.Port ?? (remote.Transport == RemoteTransport.Daemon ? 873 : 22);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        using (var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(remote.TimeoutSeconds ?? 10, 1, 10)));
            try
            {
                await socket.ConnectAsync(remote.Host, port, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new ProbeResult(ProbeOutcome.Timeout, $"{remote.Host} did not answer on port {port} in time.", 0, RsyncExitCodes.Timeout,
                    System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
            catch (System.Net.Sockets.SocketException e)
            {
                var message = e.SocketErrorCode switch
                {
                    System.Net.Sockets.SocketError.ConnectionRefused => $"{remote.Host} refused the connection on port {port}: nothing is listening there.",
                    System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain or System.Net.Sockets.SocketError.NoData =>
                        $"The host name \"{remote.Host}\" could not be resolved.",
                    System.Net.Sockets.SocketError.NetworkUnreachable or System.Net.Sockets.SocketError.HostUnreachable =>
                        $"{remote.Host} is unreachable from this machine (no route).",
                    System.Net.Sockets.SocketError.TimedOut => $"{remote.Host} did not answer on port {port} in time.",
                    _ => $"Cannot connect to {remote.Host} port {port}: {e.Message}",
                };
                var outcome = e.SocketErrorCode switch
                {
                    System.Net.Sockets.SocketError.TimedOut => ProbeOutcome.Timeout,
                    System.Net.Sockets.SocketError.ConnectionRefused => ProbeOutcome.ConnectionRefused,
                    _ => ProbeOutcome.HostUnreachable,
                };
                return new ProbeResult(outcome,
                    message, 0, RsyncExitCodes.SocketIo, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
        }
        return await ProbeAsync(remote, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProbeResult> ProbeAsync(RemoteDefinition remote, CancellationToken cancellationToken)
    {
        RsyncInvocation invocation;
        try { invocation = RsyncCommandBuilder.BuildProbe(remote); }
        catch (RsyncConfigurationException e)
        {
            return new ProbeResult(ProbeOutcome.InvalidSettings, string.Join(" ", e.Problems), 0, RsyncExitCodes.InvalidConfiguration, TimeSpan.Zero);
        }

        var result = await runner.RunAsync(invocation, cancellationToken, keepAllStdout: true).ConfigureAwait(false);
        var (outcome, message) = Explain(remote, result);
        var count = outcome == ProbeOutcome.Ok
            ? ListingLine().Matches(result.Stdout).Count(m => m.Groups[1].Value.TrimEnd('\r') != ".")
            : 0;
        if (outcome == ProbeOutcome.Ok) message = $"Connected to {Target(remote)}: {count} {(count == 1 ? "entry" : "entries")} at the top level.";
        return new ProbeResult(outcome, message, count, result.ExitCode, result.Duration);
    }

    private static (ProbeOutcome, string) Explain(RemoteDefinition remote, RsyncResult r)
    {
        var err = r.Stderr;
        var target = Target(remote);
        if (r.Succeeded) return (ProbeOutcome.Ok, "");
        if (r.ExitCode == RsyncExitCodes.NotFound) return (ProbeOutcome.RsyncMissing, "The rsync program is not installed on this machine.");
        if (Has(err, "auth failed")) return (ProbeOutcome.AuthFailed, $"{target} refused the user name or password (authentication failed).");
        if (Has(err, "Unknown module")) return (ProbeOutcome.ModuleUnknown, $"The rsync daemon at {remote.Host} has no module named \"{remote.ModuleOrPath}\".");
        // ssh's own line, not rsync's "connection unexpectedly closed" that follows it.
        if ((LineWith(err, "Permission denied (publickey") ?? LineWith(err, "Host key verification failed")) is { } sshLine)
            return (ProbeOutcome.AuthFailed, $"ssh to {remote.Host} was refused: {sshLine}");
        if (Has(err, "Connection refused")) return (ProbeOutcome.ConnectionRefused, $"{remote.Host} refused the connection on port {PortText(remote)}: nothing is listening there.");
        if (Has(err, "Name or service not known") || Has(err, "Could not resolve") || Has(err, "Temporary failure in name resolution"))
            return (ProbeOutcome.HostUnreachable, $"The host name \"{remote.Host}\" could not be resolved.");
        if (Has(err, "No route to host") || Has(err, "Network is unreachable"))
            return (ProbeOutcome.HostUnreachable, $"{remote.Host} is unreachable from this machine (no route).");
        if (r.ExitCode is RsyncExitCodes.Timeout or RsyncExitCodes.DaemonTimeout || Has(err, "timed out"))
            return (ProbeOutcome.Timeout, $"{remote.Host} did not answer in time.");
        if (Has(err, "No such file or directory") && remote.Transport == RemoteTransport.Ssh)
            return (ProbeOutcome.ModuleUnknown, $"The remote path \"{remote.ModuleOrPath}\" does not exist on {remote.Host}.");
        return (ProbeOutcome.Failed, $"rsync failed with exit code {r.ExitCode} ({r.Meaning}): {LastLine(err)}");
    }

    private static string Target(RemoteDefinition remote) => RsyncCommandBuilder.Destination(remote);

    private static string PortText(RemoteDefinition remote) =>
        remote.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (remote.Transport == RemoteTransport.Daemon ? "873" : "22");

    private static bool Has(string text, string what) => text.Contains(what, StringComparison.OrdinalIgnoreCase);

    private static string? LineWith(string text, string what) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains(what, StringComparison.OrdinalIgnoreCase));

    private static string LastLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("rsync error:", StringComparison.Ordinal)).LastOrDefault()
        ?? text.Trim();
}
