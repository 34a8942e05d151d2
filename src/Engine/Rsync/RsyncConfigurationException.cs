namespace SyncConsole.Engine.Rsync;

/// <summary>Job or remote settings that rsync must not be started with; the message lists every problem.</summary>
public sealed class RsyncConfigurationException(IReadOnlyList<string> problems)
    : Exception("Invalid rsync settings: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
