using SyncConsole.Engine.Delivery;

namespace SyncConsole.Data.Entities;

/// <summary>One rsync invocation.</summary>
public sealed class SyncRun
{
    public long Id { get; set; }
    public int JobId { get; set; }
    public SyncJob? Job { get; set; }
    /// <summary>Null once the remote is deleted: its runs stay in the history under <see cref="RemoteName"/>.</summary>
    public int? RemoteId { get; set; }
    public Remote? Remote { get; set; }
    /// <summary>The remote's name, written when the remote is deleted (while it exists, <see cref="Remote"/> names it).</summary>
    public string? RemoteName { get; set; }
    public RunKind Kind { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public int PathCount { get; set; }
    public long Bytes { get; set; }
    public int FilesTransferred { get; set; }
    public double DurationMs { get; set; }
    public int ExitCode { get; set; }
    public string? ExitMeaning { get; set; }
    public string CommandLine { get; set; } = "";
    public string? StderrTail { get; set; }
}
