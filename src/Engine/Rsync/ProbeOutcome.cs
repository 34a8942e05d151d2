namespace SyncConsole.Engine.Rsync;

public enum ProbeOutcome
{
    Ok,
    AuthFailed,
    ModuleUnknown,
    HostUnreachable,
    Timeout,
    RsyncMissing,
    InvalidSettings,
    Failed,
    /// <summary>The host answered and refused the port: it is up, but nothing (no rsync daemon, no sshd) listens there.</summary>
    ConnectionRefused,
}
