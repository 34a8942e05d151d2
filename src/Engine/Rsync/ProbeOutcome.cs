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
}
