namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Runs one decided rsync invocation. <see cref="RsyncRunner"/> (the real process) is the only production
/// implementation; the seam lets tests script exit codes (fail twice, then succeed) without a broken daemon.
/// </summary>
public interface IRsyncRunner
{
    /// <param name="keepAllStdout">Keep stdout whole (verify, probe) instead of its tail.</param>
    /// <param name="progress">When given, rsync reports overall progress (<c>--info=progress2</c>) as it streams.</param>
    /// <summary>A private 0700 folder for one remote's password and filter files, lasting until disposed.</summary>
    RsyncPrivateFiles CreatePrivateFiles();

    /// <param name="privateFiles">The remote's lasting private folder; null makes one for this run and removes it after.</param>
    Task<RsyncResult> RunAsync(RsyncInvocation invocation, CancellationToken cancellationToken, bool keepAllStdout = false,
        Action<RsyncProgress>? progress = null, RsyncPrivateFiles? privateFiles = null);
}
