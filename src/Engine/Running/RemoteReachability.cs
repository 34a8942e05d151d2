using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Running;

/// <summary>
/// What one job's remote last showed when something tried to reach it: a run, a fail-log retry or an auto-heal probe.
/// A run that failed because the connection failed (refused, timed out, auth, protocol) makes it unreachable since the
/// first such failure; a run that reached it but failed on some files (exit 23) leaves it reachable.
/// </summary>
internal sealed class RemoteReachability
{
    private readonly object gate = new();
    private Reachability state = Reachability.Unknown;
    private DateTimeOffset? unreachableSince;
    private string? reason;
    private DateTimeOffset? lastContactAt;
    private DateTimeOffset? lastCheckedAt;

    public void Reached(DateTimeOffset at)
    {
        lock (gate)
        {
            state = Reachability.Reachable;
            unreachableSince = null;
            reason = null;
            lastContactAt = at;
            lastCheckedAt = at;
        }
    }

    /// <summary>A failed rsync run; runs that never tried the network (cancelled, refused settings) tell nothing.</summary>
    public void Observe(RsyncResult failed, DateTimeOffset at)
    {
        if (failed.ExitCode is RsyncExitCodes.Cancelled or RsyncExitCodes.InvalidConfiguration) return;
        if (!IsConnectionFailure(failed.ExitCode))
        {
            Reached(at);
            return;
        }
        var line = failed.StderrTail.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && !l.StartsWith("rsync error:", StringComparison.Ordinal));
        Unreached(at, line is null ? failed.Meaning : $"{failed.Meaning}: {line}");
    }

    public void Observe(ProbeResult probe, DateTimeOffset at)
    {
        if (probe.Succeeded) Reached(at);
        else Unreached(at, probe.Message);
    }

    public (Reachability State, DateTimeOffset? Since, string? Reason, DateTimeOffset? LastContactAt, DateTimeOffset? LastCheckedAt) Snapshot()
    {
        lock (gate) return (state, unreachableSince, reason, lastContactAt, lastCheckedAt);
    }

    private void Unreached(DateTimeOffset at, string why)
    {
        lock (gate)
        {
            if (state != Reachability.Unreachable) unreachableSince = at;
            state = Reachability.Unreachable;
            reason = why;
            lastCheckedAt = at;
        }
    }

    // Exit codes of a transfer that never got going: the remote (or the way to it) is the problem, not a file.
    private static bool IsConnectionFailure(int exitCode) => exitCode is RsyncExitCodes.AuthOrStartup or RsyncExitCodes.SocketIo
        or RsyncExitCodes.DataStream or RsyncExitCodes.Timeout or RsyncExitCodes.DaemonTimeout or RsyncExitCodes.SshFailed
        or RsyncExitCodes.Protocol;
}
