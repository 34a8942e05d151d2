namespace SyncConsole.Engine.Rsync;

/// <summary>
/// One line of rsync's <c>--info=progress2</c> (whole-transfer progress), e.g.
/// <c>  12345678  45%  11.01MB/s  0:00:10 (xfr#3, to-chk=27/31)</c>.
/// </summary>
public sealed record RsyncProgress
{
    /// <summary>Bytes of file data done so far (rsync counts files it found up to date as done too).</summary>
    public required long BytesDone { get; init; }
    /// <summary>rsync's percentage of the bytes of the files it knows of so far.</summary>
    public required int Percent { get; init; }
    /// <summary>Files transferred so far (<c>xfr#</c>); null on lines without the counters.</summary>
    public int? FilesTransferred { get; init; }
    /// <summary>Files checked so far (<c>to-chk</c> total minus what is left); null on lines without the counters.</summary>
    public int? FilesChecked { get; init; }
    /// <summary>Files in the file list (<c>to-chk=N/M</c>'s M); null on lines without the counters.</summary>
    public int? FilesTotal { get; init; }
    /// <summary>False while rsync still builds the file list (<c>ir-chk</c>): the totals may still grow.</summary>
    public bool TotalsFinal { get; init; }
    /// <summary>rsync's own time field: the estimated time left while it runs.</summary>
    public TimeSpan? Remaining { get; init; }
}
