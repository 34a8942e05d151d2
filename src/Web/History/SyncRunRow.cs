using SyncConsole.Engine.Delivery;

namespace SyncConsole.Web.History;

/// <summary>One rsync run as the History page shows it. The command line holds no secret (the password is in a file).</summary>
public sealed record SyncRunRow
{
    public required long Id { get; init; }
    public required int JobId { get; init; }
    public required string JobName { get; init; }
    /// <summary>Null when the remote was deleted (its runs stay, under its name).</summary>
    public required int? RemoteId { get; init; }
    public required string RemoteName { get; init; }
    public required RunKind Kind { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required int PathCount { get; init; }
    public required int FilesTransferred { get; init; }
    public required long Bytes { get; init; }
    public required double DurationMs { get; init; }
    public required int ExitCode { get; init; }
    public string? ExitMeaning { get; init; }
    public required string CommandLine { get; init; }
    public string? StderrTail { get; init; }

    public bool Failed => ExitCode != 0;
}
