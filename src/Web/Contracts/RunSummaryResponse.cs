using SyncConsole.Engine.Delivery;

namespace SyncConsole.Web.Contracts;

/// <summary>
/// One rsync run in a list, with its command line (which holds no secret: a daemon password travels in a private
/// 0600 password file, never in argv).
/// </summary>
public record RunSummaryResponse
{
    public required long Id { get; init; }
    public required int JobId { get; init; }
    /// <summary>Null when the remote was deleted; <see cref="RemoteName"/> still names it.</summary>
    public required int? RemoteId { get; init; }
    public string? RemoteName { get; init; }
    public required RunKind Kind { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required int PathCount { get; init; }
    public required long Bytes { get; init; }
    public required int FilesTransferred { get; init; }
    public required double DurationMs { get; init; }
    public required int ExitCode { get; init; }
    public string? ExitMeaning { get; init; }
    public required string CommandLine { get; init; }
}
