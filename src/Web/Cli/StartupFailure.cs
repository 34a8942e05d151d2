namespace SyncConsole.Web.Cli;

/// <summary>
/// A reason the process cannot do its work that the administrator must fix (port taken, data directory not
/// writable, database unusable, configuration invalid): reported as one log line and <see cref="ExitCode"/>, no stack trace.
/// </summary>
public sealed class StartupFailure(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
