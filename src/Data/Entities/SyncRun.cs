using SyncConsole.Engine.Delivery;

namespace SyncConsole.Data.Entities;

/// <summary>One rsync invocation.</summary>
public sealed class SyncRun
{
    public long Id { get; set; }
    public int JobId { get; set; }
    public SyncJob? Job { get; set; }
    public int RemoteId { get; set; }
    public Remote? Remote { get; set; }
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
