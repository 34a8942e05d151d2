using System.IO.Enumeration;
using SyncConsole.Engine.Filtering;

namespace SyncConsole.Engine.Watching;

/// <summary>
/// Stands in for inotify where the watches ran out (ENOSPC): remembers the size and modification time of everything
/// under the folders left unwatched and, at each <see cref="Scan"/>, reports what appeared, changed or went away since
/// the last one, as the watcher would have. Costs one directory walk of those folders per scan and one entry in
/// memory per path beneath them. Not thread-safe: one caller at a time.
/// </summary>
public sealed class UnwatchedFolderScanner(string rootPath, PathFilter filter)
{
    private readonly string rootPath = rootPath.Length > 1 ? rootPath.TrimEnd('/') : rootPath;
    // Per unwatched folder (relative path), what was under it at the last scan; null while the folder is gone.
    private readonly Dictionary<string, Dictionary<string, Stamp>?> known = new(StringComparer.Ordinal);

    /// <summary>The folders this scanner keeps an eye on since the last scan.</summary>
    public IReadOnlyCollection<string> Folders => known.Keys;

    /// <summary>
    /// Compares the subtrees of <paramref name="unwatched"/> with the last scan. A folder seen for the first time is
    /// only recorded when <paramref name="reportNewFolders"/> is false (a full sync covers it), and otherwise reported
    /// whole (its subtree is sent once: what happened there before this scan is unknown). A folder no longer listed
    /// (watched again) is compared one last time, so what changed before its watch existed is not lost, then forgotten.
    /// </summary>
    public IReadOnlyList<FileChange> Scan(IReadOnlyCollection<string> unwatched, bool reportNewFolders, CancellationToken cancellationToken = default)
    {
        var changes = new List<FileChange>();
        var roots = Outermost(unwatched);
        foreach (var folder in known.Keys.Where(k => !roots.Contains(k)).ToList())
        {
            // Watched again (or inside a larger unwatched folder now): a last comparison, then inotify takes over.
            Compare(folder, known[folder], Walk(folder, cancellationToken), changes);
            known.Remove(folder);
        }
        foreach (var folder in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = Walk(folder, cancellationToken);
            if (known.TryGetValue(folder, out var before)) Compare(folder, before, now, changes);
            else if (reportNewFolders) changes.Add(new FileChange(folder, FileChangeKind.Rescan, IsDirectory: true));
            known[folder] = now;
        }
        return changes;
    }

    private static HashSet<string> Outermost(IReadOnlyCollection<string> folders)
    {
        var sorted = folders.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var result = new HashSet<string>(StringComparer.Ordinal);
        string? last = null;
        foreach (var f in sorted)
        {
            if (last is not null && (last.Length == 0 || f.StartsWith(last + "/", StringComparison.Ordinal))) continue;
            result.Add(f);
            last = f;
        }
        return result;
    }

    private static void Compare(string folder, Dictionary<string, Stamp>? before, Dictionary<string, Stamp>? now, List<FileChange> changes)
    {
        if (before is null)
        {
            // It was gone at the last scan: whatever is there now is new.
            if (now is not null) changes.Add(new FileChange(folder, FileChangeKind.Rescan, IsDirectory: true));
            return;
        }
        if (now is null)
        {
            // The folder itself is gone: one recursive delete says it all.
            if (folder.Length > 0) changes.Add(new FileChange(folder, FileChangeKind.Deleted, IsDirectory: true));
            return;
        }
        foreach (var (path, stamp) in now)
        {
            if (!before.TryGetValue(path, out var old)) changes.Add(new FileChange(path, FileChangeKind.Created, stamp.IsDirectory));
            else if (old.IsDirectory != stamp.IsDirectory) changes.Add(new FileChange(path, FileChangeKind.Rescan, IsDirectory: true));
            else if (!stamp.IsDirectory && old != stamp) changes.Add(new FileChange(path, FileChangeKind.Written, IsDirectory: false));
        }
        foreach (var (path, old) in before)
            if (!now.ContainsKey(path)) changes.Add(new FileChange(path, FileChangeKind.Deleted, old.IsDirectory));
    }

    /// <summary>Everything below <paramref name="folder"/> the job's filter keeps; null when the folder is gone.</summary>
    private Dictionary<string, Stamp>? Walk(string folder, CancellationToken cancellationToken)
    {
        var start = FullPath(folder);
        if (!Directory.Exists(start)) return null;
        var found = new Dictionary<string, Stamp>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(folder);
        while (stack.TryPop(out var dir))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                foreach (var (name, stamp) in new FileSystemEnumerable<(string, Stamp)>(FullPath(dir),
                             static (ref FileSystemEntry e) => (e.FileName.ToString(), new Stamp(
                                 e.IsDirectory && (e.Attributes & FileAttributes.ReparsePoint) == 0,
                                 e.IsDirectory ? 0 : e.Length, e.LastWriteTimeUtc.UtcTicks)),
                             ListOptions))
                {
                    var relative = WatchTree.Join(dir, name);
                    if (stamp.IsDirectory ? filter.IsDirectoryExcluded(relative) : filter.IsExcluded(relative, false)) continue;
                    found[relative] = stamp;
                    if (stamp.IsDirectory) stack.Push(relative);
                }
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
            {
                // Gone or unreadable since it was listed: what it held shows up as deleted, as on the disk.
            }
        }
        return found;
    }

    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private string FullPath(string relative) =>
        relative.Length == 0 ? rootPath : rootPath == "/" ? "/" + relative : string.Concat(rootPath, "/", relative);

    private readonly record struct Stamp(bool IsDirectory, long Length, long ModifiedTicks);
}
