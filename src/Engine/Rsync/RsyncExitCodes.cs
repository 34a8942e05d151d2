namespace SyncConsole.Engine.Rsync;

/// <summary>rsync's exit codes in plain words, and which of them count as a delivered batch.</summary>
public static class RsyncExitCodes
{
    public const int Success = 0;
    public const int Syntax = 1;
    public const int Protocol = 2;
    public const int FileSelection = 3;
    public const int AuthOrStartup = 5;
    public const int SocketIo = 10;
    public const int FileIo = 11;
    public const int DataStream = 12;
    public const int Signal = 20;
    public const int Partial = 23;
    public const int Vanished = 24;
    public const int Timeout = 30;
    public const int DaemonTimeout = 35;
    /// <summary>Not from rsync: the binary could not be started (shell convention for "command not found").</summary>
    public const int NotFound = 127;
    /// <summary>Not from rsync: the run was cancelled and the process killed.</summary>
    public const int Cancelled = -1;
    /// <summary>Not from rsync: the job or remote settings were rejected before starting rsync.</summary>
    public const int InvalidConfiguration = -2;

    /// <summary>
    /// 24 (files vanished while sending) is success: the vanished paths are gone locally, and their delete
    /// arrives as its own event. Unlike sersync, 23 (partial transfer) is a failure.
    /// </summary>
    public static bool IsSuccess(int exitCode) => exitCode is Success or Vanished;

    public static string Describe(int exitCode) => exitCode switch
    {
        Success => "success",
        Syntax => "syntax or usage error",
        Protocol => "protocol incompatibility",
        FileSelection => "errors selecting input/output files or directories",
        4 => "requested action not supported by the remote rsync",
        AuthOrStartup => "error starting client-server protocol (authentication failed, unknown module or refused connection)",
        6 => "daemon unable to append to its log file",
        SocketIo => "error in socket I/O (host unreachable or connection dropped)",
        FileIo => "error in file I/O",
        DataStream => "error in rsync protocol data stream",
        13 => "errors with program diagnostics",
        14 => "error in IPC code",
        Signal => "received SIGUSR1 or SIGINT (killed)",
        21 => "some error returned by waitpid()",
        22 => "error allocating core memory buffers",
        Partial => "partial transfer due to error (some paths were not delivered)",
        Vanished => "some source files vanished before they could be transferred (benign)",
        25 => "the --max-delete limit stopped deletions",
        Timeout => "timeout in data send/receive",
        DaemonTimeout => "timeout waiting for daemon connection",
        NotFound => "rsync binary not found",
        Cancelled => "cancelled",
        InvalidConfiguration => "invalid rsync settings",
        _ => $"unknown rsync exit code {exitCode}",
    };
}
