namespace SyncConsole.Engine.Rsync;

/// <summary>One differing path found by a verify run. <see cref="Itemize"/> is rsync's raw 11-character code.</summary>
public sealed record RsyncDifference(string Path, DifferenceKind Kind, bool IsDirectory, string Itemize);
