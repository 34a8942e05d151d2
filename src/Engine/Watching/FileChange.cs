using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Watching;

/// <summary>One change the watcher saw, relative to the watch root ('/'-separated, no leading slash).</summary>
public readonly record struct FileChange(string RelativePath, FileChangeKind Kind, bool IsDirectory)
{
    /// <summary>
    /// A directory that appeared, disappeared or must be rescanned stands for its whole subtree; anything else is
    /// just its own path. The disk is read again at delivery time, so the kind itself does not travel further.
    /// </summary>
    public bool AffectsSubtree => IsDirectory && Kind is FileChangeKind.Created or FileChangeKind.MovedTo
        or FileChangeKind.Deleted or FileChangeKind.MovedFrom or FileChangeKind.Rescan;

    /// <summary>
    /// For <see cref="FileChangeKind.MovedTo"/>: the old path of a rename inside the tree (paired by inotify cookie);
    /// null for a move in from outside, and for every other kind.
    /// </summary>
    public string? MovedFrom { get; init; }

    /// <summary>This is a rename's old path and its new path is reported right after it (see <see cref="ChangedPath.PartnerFollows"/>).</summary>
    public bool PartnerFollows { get; init; }

    public ChangedPath ToChangedPath() => new(RelativePath, AffectsSubtree) { MovedFrom = MovedFrom, PartnerFollows = PartnerFollows };
}
