namespace SyncConsole.Engine.Rsync;

/// <summary>What rsync's <c>--stats</c> reported for one run.</summary>
public sealed record RsyncStats(long BytesSent, long BytesReceived, int FilesTransferred, long TotalFileSize)
{
    public static readonly RsyncStats Empty = new(0, 0, 0, 0);
}
