using SyncConsole.Engine.Rsync;

namespace SyncConsole.Data.Entities;

/// <summary>The last verify (dry-run comparison) of one job against one remote; one row per job and remote, replaced each time.</summary>
public sealed class VerifyResult
{
    public const int MaxStoredDifferences = 1000;

    public long Id { get; set; }
    public int JobId { get; set; }
    public SyncJob? Job { get; set; }
    public int RemoteId { get; set; }
    public Remote? Remote { get; set; }
    public DateTimeOffset VerifiedAt { get; set; }
    /// <summary>rsync completed the comparison; when false the trees are of unknown state.</summary>
    public bool Completed { get; set; }
    public int DifferenceCount { get; set; }
    /// <summary>The first <see cref="MaxStoredDifferences"/> differences, stored as JSON.</summary>
    public List<RsyncDifference> Differences { get; set; } = [];
    public int ExitCode { get; set; }
    public string? ExitMeaning { get; set; }
    public string? Error { get; set; }
    public long? SyncRunId { get; set; }
}
