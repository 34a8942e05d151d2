using System.IO.Enumeration;

namespace SyncConsole.Engine.Filtering;

/// <summary>
/// Finds what a job's <see cref="PathFilter"/> excludes inside a folder on disk. A new or moved-in folder reaches
/// rsync as one recursive entry, so the filter that drops live events never sees its contents; the paths found
/// here become rsync exclude rules instead (lsyncd applies its excludes to every rsync it runs).
/// </summary>
public sealed class ExcludedPathFinder(PathFilter filter, int maxPaths = ExcludedPathFinder.DefaultMaxPaths)
{
    /// <summary>Enough for any sane tree; past it a run would carry a filter list larger than the transfer.</summary>
    public const int DefaultMaxPaths = 10_000;

    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
        MatchType = MatchType.Simple,
    };

    public int MaxPaths { get; } = maxPaths;

    /// <summary>Whether the filter can exclude anything at all; when not, there is nothing to walk for.</summary>
    public bool CanExclude => filter.IgnoreTempFiles || filter.Excludes.Count > 0;

    /// <summary>
    /// Adds to <paramref name="found"/> every excluded path below <paramref name="relativeFolder"/> (relative to
    /// <paramref name="watchRoot"/>, '/'-separated). An excluded folder is added alone, its contents are not visited;
    /// symbolic links are never followed. Returns false when <paramref name="found"/> reached <see cref="MaxPaths"/>
    /// and the walk stopped early.
    /// </summary>
    public bool Collect(string watchRoot, string relativeFolder, List<string> found, CancellationToken cancellationToken = default)
    {
        if (!CanExclude) return true;
        var pending = new Stack<string>();
        pending.Push(relativeFolder);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relativeDir = pending.Pop();
            var absoluteDir = relativeDir.Length == 0 ? watchRoot : Path.Combine(watchRoot, relativeDir);
            var prefix = relativeDir.Length == 0 ? "" : relativeDir + "/";
            try
            {
                foreach (var (name, isDirectory) in Entries(absoluteDir))
                {
                    var relative = prefix + name;
                    if (isDirectory)
                    {
                        if (filter.IsDirectoryExcluded(relative)) found.Add(relative);
                        else pending.Push(relative);
                    }
                    else if (filter.IsExcluded(relative, isDirectory: false)) found.Add(relative);
                    if (found.Count >= MaxPaths) return false;
                }
            }
            // The folder changed under us (deleted, replaced by a file, made unreadable): rsync will see the same
            // disk and report what it cannot send; a walk that stops here only means fewer rules.
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return true;
    }

    /// <summary>One folder's entries; a symlink counts as a file (what it points to is not ours to walk).</summary>
    private static FileSystemEnumerable<(string Name, bool IsDirectory)> Entries(string absoluteDir) =>
        new(absoluteDir,
            (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory && (e.Attributes & FileAttributes.ReparsePoint) == 0),
            Options);
}
