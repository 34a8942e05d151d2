namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Runs one decided rsync invocation. <see cref="RsyncRunner"/> (the real process) is the only production
/// implementation; the seam lets tests script exit codes (fail twice, then succeed) without a broken daemon.
/// </summary>
public interface IRsyncRunner
{
    /// <param name="keepAllStdout">Keep stdout whole (verify, probe) instead of its tail.</param>
    Task<RsyncResult> RunAsync(RsyncInvocation invocation, CancellationToken cancellationToken, bool keepAllStdout = false);
}
