namespace SyncConsole.Engine.Rsync;

/// <summary>What rsync's <c>--stats</c> reported for one run.</summary>
/// <remarks><see cref="Created"/> and <see cref="Deleted"/> count every kind of entry (rsync 3.1+ prints them).</remarks>
public sealed record RsyncStats(long BytesSent, long BytesReceived, int FilesTransferred, long TotalFileSize, int Created = 0, int Deleted = 0)
{
    public static readonly RsyncStats Empty = new(0, 0, 0, 0);
}
