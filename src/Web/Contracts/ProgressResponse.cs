using SyncConsole.Engine.Running;

namespace SyncConsole.Web.Contracts;

/// <summary>
/// A running full sync's (or large batch's) progress in the job status, from rsync's <c>--info=progress2</c>: files
/// and bytes done of the total, the percentage and rsync's estimate of the seconds left.
/// </summary>
public sealed record ProgressResponse
{
    /// <summary>"full sync" or "batch".</summary>
    public required string Run { get; init; }
    public int Percent { get; init; }
    public long BytesDone { get; init; }
    /// <summary>Bytes of the files rsync knows of (from its percentage); null until it has one.</summary>
    public long? BytesTotal { get; init; }
    /// <summary>Files checked so far and in the file list.</summary>
    public int? FilesDone { get; init; }
    public int? FilesTotal { get; init; }
    /// <summary>Files sent so far (the others were up to date).</summary>
    public int? FilesTransferred { get; init; }
    /// <summary>False while rsync still builds the file list: the totals may still grow.</summary>
    public bool TotalsFinal { get; init; }
    public double? EtaSeconds { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static ProgressResponse? From(SyncProgress? p) => p is null ? null : new()
    {
        Run = p.Run, Percent = p.Percent, BytesDone = p.BytesDone, BytesTotal = p.BytesTotal, FilesDone = p.FilesDone,
        FilesTotal = p.FilesTotal, FilesTransferred = p.FilesTransferred, TotalsFinal = p.TotalsFinal,
        EtaSeconds = p.Eta?.TotalSeconds, StartedAt = p.StartedAt, UpdatedAt = p.UpdatedAt,
    };
}
