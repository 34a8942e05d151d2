namespace SyncConsole.Engine.Jobs;

public enum RemoteTransport
{
    /// <summary>An rsync daemon module: <c>user@host::module</c>.</summary>
    Daemon = 0,
    /// <summary>rsync over ssh: <c>user@host:path</c>.</summary>
    Ssh = 1,
}
