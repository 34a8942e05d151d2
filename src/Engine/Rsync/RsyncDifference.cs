namespace SyncConsole.Engine.Rsync;

/// <summary>One differing path found by a verify run. <see cref="Itemize"/> is rsync's raw 11-character code.</summary>
public sealed record RsyncDifference(string Path, DifferenceKind Kind, bool IsDirectory, string Itemize)
{
    /// <summary>
    /// The job's options that would leave this difference in place (e.g. <c>-u</c>: the remote copy is newer), so
    /// neither realtime delivery nor the job's own full sync repairs it; "make identical" does. Null: they would send it.
    /// </summary>
    public string? KeptByJobOption { get; init; }
}
