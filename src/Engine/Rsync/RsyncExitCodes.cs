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
    /// <summary>Not from rsync itself: ssh's own exit code when the connection or login failed (rsync passes it on).</summary>
    public const int SshFailed = 255;
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

    /// <summary>
    /// Like <see cref="Describe(int)"/>, but names an ssh login failure: rsync reports it as 255 or, when it sees the
    /// closed pipe first, as 12 (protocol data stream), neither of which says what went wrong.
    /// </summary>
    public static string Describe(int exitCode, string stderr)
    {
        if (exitCode is SshFailed or DataStream)
        {
            if (stderr.Contains("Host key verification failed", StringComparison.Ordinal))
                return "ssh host key verification failed (the server's key is not in the known hosts file, or it changed)";
            if (stderr.Contains("Permission denied (publickey", StringComparison.Ordinal))
                return "ssh refused the login (the key is not accepted for this user)";
        }
        // The host is up and said no: "unreachable" would send the administrator to check the network, not the service.
        if (exitCode == SocketIo && stderr.Contains("Connection refused", StringComparison.Ordinal))
            return "error in socket I/O: connection refused (the host answered, but nothing listens on that port)";
        return Describe(exitCode);
    }

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
        SshFailed => "ssh connection failed (host unreachable, key refused or host key not verified)",
        NotFound => "rsync binary not found",
        Cancelled => "cancelled",
        InvalidConfiguration => "invalid rsync settings",
        _ => $"unknown rsync exit code {exitCode}",
    };
}
