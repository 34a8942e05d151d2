using SyncConsole.Engine.Paths;

namespace SyncConsole.Data.Entities;

/// <summary>Paths not delivered to one remote (sersync's rsync_fail_log.sh, as rows instead of a script).</summary>
public sealed class FailLogEntry
{
    public long Id { get; set; }
    public int JobId { get; set; }
    public SyncJob? Job { get; set; }
    /// <summary>Null once the remote is deleted: the entry stays as history (discarded) under <see cref="RemoteName"/>.</summary>
    public int? RemoteId { get; set; }
    public Remote? Remote { get; set; }
    /// <summary>The remote's name, written when the remote is deleted (while it exists, <see cref="Remote"/> names it).</summary>
    public string? RemoteName { get; set; }
    /// <summary>Stored as a JSON array of <c>{relativePath, recursive}</c>.</summary>
    public List<ChangedPath> Paths { get; set; } = [];
    public bool FullSync { get; set; }
    public int ExitCode { get; set; }
    public string ExitMeaning { get; set; } = "";
    public string StderrTail { get; set; } = "";
    /// <summary>Every failure merged into this entry: live batches and retries.</summary>
    public int Attempts { get; set; } = 1;
    /// <summary>Retries of this entry that failed; the backoff counts these only, not the live failures merged in.</summary>
    public int FailedRetries { get; set; }
    public DateTimeOffset FirstFailureAt { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public FailLogState State { get; set; } = FailLogState.Pending;
    public long? ResolvedByRunId { get; set; }
}
