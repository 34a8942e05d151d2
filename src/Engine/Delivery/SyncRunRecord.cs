using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Delivery;

/// <summary>One finished rsync invocation, as stored in the SyncRun table.</summary>
public sealed record SyncRunRecord
{
    public required int JobId { get; init; }
    public required int RemoteId { get; init; }
    public required RunKind Kind { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public int PathCount { get; init; }
    public long Bytes { get; init; }
    public int FilesTransferred { get; init; }
    public required int ExitCode { get; init; }
    public string? ExitMeaning { get; init; }
    /// <summary>The rsync argv joined for display, secrets masked (sersync's debug view).</summary>
    public string CommandLine { get; init; } = "";
    public string? StderrTail { get; init; }
    /// <summary>Same rule as the deliverer: exit 24 (files vanished while sending) is a success.</summary>
    public bool Succeeded => RsyncExitCodes.IsSuccess(ExitCode);
}
