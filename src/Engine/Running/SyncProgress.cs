using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Running;

/// <summary>
/// How far a running full sync (or large batch) to one remote is, from rsync's <c>--info=progress2</c>: files and bytes
/// done and in all, and the time left. Totals are rsync's: while it still builds the file list (<see cref="TotalsFinal"/>
/// false) they may grow.
/// </summary>
public sealed record SyncProgress
{
    /// <summary>"full sync" or "batch".</summary>
    public required string Run { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required int Percent { get; init; }
    public required long BytesDone { get; init; }
    /// <summary>Bytes of the files rsync knows of, from its percentage; null until it has one.</summary>
    public long? BytesTotal { get; init; }
    public int? FilesDone { get; init; }
    public int? FilesTotal { get; init; }
    public int? FilesTransferred { get; init; }
    public bool TotalsFinal { get; init; }
    /// <summary>rsync's estimate of the time left.</summary>
    public TimeSpan? Eta { get; init; }

    public static SyncProgress From(string run, DateTimeOffset startedAt, DateTimeOffset now, RsyncProgress p) => new()
    {
        Run = run, StartedAt = startedAt, UpdatedAt = now, Percent = p.Percent, BytesDone = p.BytesDone,
        BytesTotal = p.Percent > 0 ? Math.Max(p.BytesDone, p.BytesDone * 100 / p.Percent) : null,
        FilesDone = p.FilesChecked, FilesTotal = p.FilesTotal, FilesTransferred = p.FilesTransferred, TotalsFinal = p.TotalsFinal,
        Eta = p.Remaining,
    };
}
