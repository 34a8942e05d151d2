using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.Unicode;
using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Jobs;
using static SyncConsole.Engine.Watching.InotifyNative;

namespace SyncConsole.Engine.Watching;

/// <summary>
/// A recursive inotify watcher for one job's tree. One dedicated reader thread owns the inotify descriptor and the
/// watch tree; changes and signals are handed to the callbacks on that thread, so they must be cheap (e.g.
/// <c>ChangeCoalescer.Add</c>). New and moved-in directories are watched at once and then scanned, so files written
/// before their watch existed are still reported.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class InotifyWatcher : IAsyncDisposable
{
    /// <summary>Large enough that a burst is drained in few syscalls; the kernel queue is the real limit.</summary>
    private const int ReadBufferSize = 256 * 1024;
    /// <summary>
    /// A MOVED_FROM whose MOVED_TO has not arrived after this much quiet is a move out of the tree. The kernel queues
    /// the two within one rename, but a renaming thread preempted in between (a loaded machine) can hold the second
    /// back for milliseconds; a rename taken for a move out costs a full upload, a late move-out delete nothing.
    /// </summary>
    private const int MovePairingTimeoutMs = 50;

    private readonly Action<FileChange> onChange;
    private readonly Action<WatcherSignal> onSignal;
    private readonly PathFilter filter;
    private readonly SyncEventMask events;
    private readonly uint dirMask;
    private readonly uint rootMask;
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<byte[]> injected = new();
    private readonly Dictionary<uint, PendingMove> pendingMoves = [];
    // Reported MOVED_FROMs of files (and of folders without a watch) by cookie, so their MOVED_TO can name the old path.
    private readonly Dictionary<uint, PendingPathMove> pendingPathMoves = [];
    private readonly Stack<WatchNode> walkStack = new();
    private readonly Lock wakeGate = new();
    private WatchTree? tree;
    private Thread? thread;
    private int inotifyFd = -1;
    private int wakeFd = -1;
    private volatile bool stopping;
    private volatile bool rewatchRequested;
    private long readGeneration;
    private bool watchLimitReported;
    // Folders whose watch failed with ENOSPC (their subtrees are unwatched too); owned by the reader thread,
    // published as a copy for the job's scanner.
    private readonly HashSet<string> unwatched = new(StringComparer.Ordinal);
    private volatile string[] unwatchedCopy = [];
    private bool rebuildingUnwatched;
    private long eventsRead;

    public InotifyWatcher(string rootPath, SyncEventMask events, PathFilter filter,
        Action<FileChange> onChange, Action<WatcherSignal>? onSignal = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        if (!Path.IsPathFullyQualified(rootPath))
            throw new ArgumentException($"The watch path '{rootPath}' must be absolute.", nameof(rootPath));
        RootPath = rootPath.Length > 1 ? rootPath.TrimEnd('/') : rootPath;
        this.filter = filter;
        this.onChange = onChange;
        this.onSignal = onSignal ?? (_ => { });
        // sersync always watches new folders (createFolder is forced on); IN_CREATE also carries createFile.
        this.events = events | SyncEventMask.CreateFolder;
        dirMask = IN_CREATE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK;
        if (this.events.HasFlag(SyncEventMask.Delete)) dirMask |= IN_DELETE;
        if (this.events.HasFlag(SyncEventMask.CloseWrite)) dirMask |= IN_CLOSE_WRITE;
        if (this.events.HasFlag(SyncEventMask.Attrib)) dirMask |= IN_ATTRIB;
        if (this.events.HasFlag(SyncEventMask.Modify)) dirMask |= IN_MODIFY;
        rootMask = dirMask | IN_DELETE_SELF | IN_MOVE_SELF;
    }

    public static InotifyWatcher ForJob(JobDefinition job, Action<FileChange> onChange, Action<WatcherSignal>? onSignal = null) =>
        new(job.WatchPath, job.Events, PathFilter.ForJob(job), onChange, onSignal);

    public string RootPath { get; }

    /// <summary>Directories currently watched (approximate while the reader is busy).</summary>
    public int WatchCount => tree?.Count ?? 0;

    /// <summary>From this many folders on, the start-up walk's garbage is handed back to the OS at once.</summary>
    internal const int LargeTreeFolders = 10_000;

    /// <summary>
    /// The folders left without a watch by the inotify watch limit (ENOSPC), relative to the root ("" = the root
    /// itself); everything beneath them is unwatched too. Empty while the whole tree is watched.
    /// </summary>
    public IReadOnlyList<string> UnwatchedFolders => unwatchedCopy;

    /// <summary>Raw inotify events read so far.</summary>
    public long EventsRead => Interlocked.Read(ref eventsRead);

    /// <summary>Completes when the reader stops: after disposal, or when the watch root goes away.</summary>
    public Task Completion => completion.Task;

    /// <summary>The root's watch descriptor, for tests and the benchmark that inject raw events.</summary>
    internal int RootWatchDescriptor => tree?.Root.Wd ?? -1;

    /// <summary>Test seam: returns an errno to fail <c>inotify_add_watch</c> for a path with, or 0 to proceed.</summary>
    internal Func<string, int>? AddWatchFault { get; set; }

    /// <summary>Sets up the watches on the whole tree, then returns; events are reported from then on.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (thread is not null) throw new InvalidOperationException("The watcher is already started.");
        thread = new Thread(Run) { IsBackground = true, Name = "inotify " + RootPath };
        thread.Start();
        return started.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// For a job in the watch-limit fallback, on the reader thread: tries one watch on an unwatched folder and, only
    /// if the kernel grants it (limit raised, or folders removed), re-walks the tree to add every missing watch, so
    /// calling it often is cheap. <see cref="WatcherSignalKind.WatchesRestored"/> says live watching is complete
    /// again, another <see cref="WatcherSignalKind.WatchLimitReached"/> that it is still not.
    /// </summary>
    public void Rewatch()
    {
        rewatchRequested = true;
        Wake();
    }

    /// <summary>Test seam: feeds raw <c>struct inotify_event</c> bytes through the reader as if the kernel sent them.</summary>
    internal void InjectRawEvents(byte[] buffer)
    {
        injected.Enqueue(buffer);
        Wake();
    }

    public async ValueTask DisposeAsync()
    {
        stopping = true;
        if (thread is null) return;
        Wake();
        try { await completion.Task.ConfigureAwait(false); }
        catch (Exception) { /* already reported through Completion */ }
    }

    private unsafe void Wake()
    {
        // Under the lock, so the reader cannot close the descriptor (and the number be reused) in between.
        lock (wakeGate)
        {
            if (wakeFd < 0) return;
            ulong one = 1;
            Write(wakeFd, (byte*)&one, 8);
        }
    }

    private unsafe void Run()
    {
        try
        {
            inotifyFd = InotifyInit1(IN_NONBLOCK | IN_CLOEXEC);
            if (inotifyFd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"inotify_init1 failed: {ErrorText(errno)} (check fs.inotify.max_user_instances).");
            }
            lock (wakeGate) wakeFd = EventFd(0, EFD_NONBLOCK | EFD_CLOEXEC);
            if (wakeFd < 0) throw new IOException($"eventfd failed: {ErrorText(Marshal.GetLastPInvokeError())}.");

            foreach (var error in filter.Errors) Signal(new WatcherSignal(WatcherSignalKind.Warning, error + " It is ignored."));
            tree = BuildTree();
            started.TrySetResult();
            if (tree.Count >= LargeTreeFolders)
            {
                // The walk leaves ~600 bytes of garbage per folder that a quiet job never allocates enough to
                // collect: at 100 000 folders RSS stayed +73 MiB instead of +29 MiB (bench/memory.sh). Once, here.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            var buffer = GC.AllocateUninitializedArray<byte>(ReadBufferSize, pinned: true);
            fixed (byte* bufferPtr = buffer)
            {
                var fds = stackalloc PollFd[2];
                while (!stopping)
                {
                    fds[0] = new PollFd { Fd = inotifyFd, Events = POLLIN };
                    fds[1] = new PollFd { Fd = wakeFd, Events = POLLIN };
                    var ready = Poll(fds, 2, pendingMoves.Count > 0 || pendingPathMoves.Count > 0 ? MovePairingTimeoutMs : -1);
                    if (ready < 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        if (errno == EINTR) continue;
                        throw new IOException($"poll on the inotify descriptor failed: {ErrorText(errno)}.");
                    }
                    if (ready == 0)
                    {
                        SweepUnpairedMoves(all: true);
                        continue;
                    }
                    if ((fds[1].REvents & POLLIN) != 0)
                    {
                        ulong ignored;
                        Read(wakeFd, (byte*)&ignored, 8);
                        while (!stopping && injected.TryDequeue(out var raw)) Process(raw);
                        if (rewatchRequested && !stopping)
                        {
                            rewatchRequested = false;
                            if (!watchLimitReported)
                            {
                                // Nothing is missing (e.g. a watcher started afresh after the root came back): say so,
                                // rather than re-walk a whole tree for nothing.
                                Signal(new WatcherSignal(WatcherSignalKind.WatchesRestored,
                                    $"All {tree!.Count} directories under '{RootPath}' are watched; live sync resumes."));
                            }
                            else if (WatchesAvailable())
                            {
                                watchLimitReported = false;
                                // Rebuilt by the walk's failures, and published once complete.
                                unwatched.Clear();
                                rebuildingUnwatched = true;
                                var walked = Rewalk();
                                rebuildingUnwatched = false;
                                unwatchedCopy = [.. unwatched];
                                if (walked && !watchLimitReported)
                                    Signal(new WatcherSignal(WatcherSignalKind.WatchesRestored,
                                        $"All {tree!.Count} directories under '{RootPath}' are watched again; live sync resumes."));
                            }
                        }
                    }
                    if (stopping) break;
                    if ((fds[0].REvents & POLLIN) == 0) continue;

                    var n = InotifyNative.Read(inotifyFd, bufferPtr, ReadBufferSize);
                    if (n < 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        if (errno is EAGAIN or EINTR) continue;
                        throw new IOException($"read on the inotify descriptor failed: {ErrorText(errno)}.");
                    }
                    readGeneration++;
                    Process(new ReadOnlySpan<byte>(bufferPtr, (int)n));
                    // A MOVED_FROM that stayed unpaired through one whole further read is a move out of the tree.
                    SweepUnpairedMoves(all: false);
                }
            }
            completion.TrySetResult();
        }
        catch (Exception ex)
        {
            started.TrySetException(ex);
            completion.TrySetException(ex);
        }
        finally
        {
            lock (wakeGate)
            {
                if (wakeFd >= 0) Close(wakeFd);
                wakeFd = -1;
            }
            if (inotifyFd >= 0) Close(inotifyFd);
            inotifyFd = -1;
            stopping = true;
        }
    }

    private WatchTree BuildTree()
    {
        if (!Directory.Exists(RootPath)) throw new DirectoryNotFoundException($"The watch path '{RootPath}' does not exist.");
        var rootWd = AddWatch(RootPath, rootMask, out var errno);
        if (rootWd < 0)
        {
            if (errno == ENOSPC)
            {
                AddUnwatched("");
                ReportWatchLimit();
                return new WatchTree(-1);
            }
            throw new IOException($"Cannot watch '{RootPath}': {ErrorText(errno)}.");
        }
        var result = new WatchTree(rootWd);
        tree = result;
        Walk(result.Root, report: false);
        return result;
    }

    private void Process(ReadOnlySpan<byte> buffer)
    {
        var offset = 0;
        var count = 0;
        while (offset + EventHeaderSize <= buffer.Length)
        {
            var wd = BinaryPrimitives.ReadInt32LittleEndian(buffer[offset..]);
            var mask = BinaryPrimitives.ReadUInt32LittleEndian(buffer[(offset + 4)..]);
            var cookie = BinaryPrimitives.ReadUInt32LittleEndian(buffer[(offset + 8)..]);
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[(offset + 12)..]);
            var name = buffer.Slice(offset + EventHeaderSize, Math.Min(length, buffer.Length - offset - EventHeaderSize));
            var nul = name.IndexOf((byte)0);
            if (nul >= 0) name = name[..nul];
            offset += EventHeaderSize + length;
            count++;
            try
            {
                Handle(wd, mask, cookie, name);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Signal(new WatcherSignal(WatcherSignalKind.Warning, $"Failed to handle an inotify event: {ex.Message}"));
            }
            if (stopping) break;
        }
        Interlocked.Add(ref eventsRead, count);
    }

    private void Handle(int wd, uint mask, uint cookie, ReadOnlySpan<byte> nameBytes)
    {
        if ((mask & IN_Q_OVERFLOW) != 0)
        {
            OnOverflow();
            return;
        }
        var watches = tree!;
        if (!watches.TryGet(wd, out var node)) return;
        if (node == watches.Root && (mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT | IN_IGNORED)) != 0)
        {
            Signal(new WatcherSignal(WatcherSignalKind.RootGone, $"The watch path '{RootPath}' was deleted, moved away or unmounted; watching stopped."));
            stopping = true;
            return;
        }
        if ((mask & IN_IGNORED) != 0)
        {
            // The kernel dropped this watch (directory deleted); forget it and whatever still hangs below it.
            watches.Remove(node);
            return;
        }
        if (nameBytes.IsEmpty) return; // events about a watched directory itself also arrive, named, at its parent
        if (pendingMoves.Count > 0 && !watches.IsAttached(node)) return; // inside a subtree that just moved away

        var isDir = (mask & IN_ISDIR) != 0;
        Span<char> nameChars = nameBytes.Length <= 256 ? stackalloc char[nameBytes.Length] : new char[nameBytes.Length];
        if (Utf8.ToUtf16(nameBytes, nameChars, out _, out var nameLength, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            // .NET strings cannot carry these bytes; have the parent re-sent whole and let rsync read the real names.
            Emit(node.RelativePath, FileChangeKind.Rescan, isDirectory: true);
            return;
        }
        var nameSpan = nameChars[..nameLength];
        var parentPath = node.RelativePath;
        var pathLength = parentPath.Length == 0 ? nameLength : parentPath.Length + 1 + nameLength;
        Span<char> path = pathLength <= 1024 ? stackalloc char[pathLength] : new char[pathLength];
        if (parentPath.Length == 0) nameSpan.CopyTo(path);
        else
        {
            parentPath.CopyTo(path);
            path[parentPath.Length] = '/';
            nameSpan.CopyTo(path[(parentPath.Length + 1)..]);
        }
        var excluded = filter.IsExcluded(path, isDir);

        if ((mask & IN_CREATE) != 0)
        {
            if (isDir)
            {
                if (excluded) return;
                var relative = new string(path);
                if (filter.IsDirectoryExcluded(relative)) return;
                var known = watches.FindChild(node, nameSpan);
                var child = WatchChild(node, new string(nameSpan), relative);
                // Reported once its watch exists (whatever a delivery of it misses has its own event), and before
                // the scan, so the recursive entry is already pending when the entries found beneath it arrive.
                Emit(relative, FileChangeKind.Created, true);
                if (child is not null && child != known) Walk(child, report: true);
            }
            else if (!excluded && events.HasFlag(SyncEventMask.CreateFile)) Emit(new string(path), FileChangeKind.Created, false);
        }
        else if ((mask & IN_CLOSE_WRITE) != 0)
        {
            if (!excluded) Emit(new string(path), FileChangeKind.Written, isDir);
        }
        else if ((mask & IN_MODIFY) != 0)
        {
            if (!excluded) Emit(new string(path), FileChangeKind.Modified, isDir);
        }
        else if ((mask & IN_ATTRIB) != 0)
        {
            if (!excluded) Emit(new string(path), FileChangeKind.Attrib, isDir);
        }
        else if ((mask & IN_DELETE) != 0)
        {
            if (isDir && watches.FindChild(node, nameSpan) is { } gone) watches.Remove(gone);
            if (!excluded) Emit(new string(path), FileChangeKind.Deleted, isDir);
        }
        else if ((mask & IN_MOVED_FROM) != 0)
        {
            // Only a reported old path can be paired: its delete must travel with the new path (see ChangedPath.MovedFrom).
            // It is reported with its MOVED_TO, right before it, or as a move out of the tree once that is clear
            // (SweepUnpairedMoves): the two then reach the coalescer back to back, never in separate batches.
            var from = !excluded && events.HasFlag(SyncEventMask.MoveFrom) ? new string(path) : null;
            if (isDir && watches.FindChild(node, nameSpan) is { } moving)
            {
                watches.Detach(moving);
                pendingMoves[cookie] = new PendingMove(moving, readGeneration, from);
            }
            else if (from is not null) pendingPathMoves[cookie] = new PendingPathMove(from, isDir, readGeneration);
        }
        else if ((mask & IN_MOVED_TO) != 0)
        {
            if (!isDir)
            {
                var fileFrom = pendingPathMoves.Remove(cookie, out var fileMove) ? fileMove.From : null;
                if (fileFrom is not null) Emit(fileFrom, FileChangeKind.MovedFrom, false, partnerFollows: !excluded && events.HasFlag(SyncEventMask.MoveTo));
                if (!excluded && events.HasFlag(SyncEventMask.MoveTo)) Emit(new string(path), FileChangeKind.MovedTo, false, fileFrom);
                return;
            }
            var relative = new string(path);
            var dirExcluded = excluded || filter.IsDirectoryExcluded(relative);
            string? dirFrom = null;
            if (pendingPathMoves.Remove(cookie, out var unwatchedMove))
            {
                // A folder that had no watch (e.g. past the watch limit): watched below as if moved in.
                dirFrom = unwatchedMove.From;
                Emit(dirFrom, FileChangeKind.MovedFrom, true);
            }
            if (pendingMoves.Remove(cookie, out var move))
            {
                dirFrom = move.From;
                if (dirFrom is not null) Emit(dirFrom, FileChangeKind.MovedFrom, true, partnerFollows: !dirExcluded);
                // A rename inside the tree: the watches moved with the inodes, only the paths change.
                if (dirExcluded) RemoveWatches(move.Node);
                else watches.Attach(move.Node, node, new string(nameSpan));
            }
            else if (!dirExcluded)
            {
                // Moved in from outside: a new subtree that needs watches throughout.
                var child = WatchChild(node, new string(nameSpan), relative);
                if (child is not null) Walk(child, report: false);
            }
            if (!dirExcluded && events.HasFlag(SyncEventMask.MoveTo)) Emit(relative, FileChangeKind.MovedTo, true, dirFrom);
        }
    }

    private WatchNode? WatchChild(WatchNode parent, string name, string relative)
    {
        var wd = AddWatch(FullPath(relative), dirMask, out var errno);
        if (wd >= 0) return tree!.Add(parent, name, wd);
        OnAddWatchFailed(relative, errno);
        return null;
    }

    /// <summary>
    /// Watches every directory below <paramref name="start"/> (watch first, then list, so nothing created in
    /// between is lost). With <paramref name="report"/>, everything found is reported as created: it may have
    /// been written before any watch could see it.
    /// </summary>
    private void Walk(WatchNode start, bool report)
    {
        var watches = tree!;
        walkStack.Clear();
        walkStack.Push(start);
        while (walkStack.TryPop(out var dir))
        {
            if (stopping) return;
            List<(string Name, bool IsDir)> entries;
            try
            {
                entries = [.. new FileSystemEnumerable<(string, bool)>(FullPath(dir.RelativePath),
                    static (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory && (e.Attributes & FileAttributes.ReparsePoint) == 0),
                    ListOptions)];
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
            {
                continue; // gone again already, or unreadable: nothing to watch there
            }
            foreach (var (name, isDir) in entries)
            {
                var relative = WatchTree.Join(dir.RelativePath, name);
                if (name.Contains('\uFFFD'))
                {
                    // Probably a name that is not valid UTF-8: it cannot be addressed by a .NET path.
                    if (report) Emit(dir.RelativePath, FileChangeKind.Rescan, true);
                    continue;
                }
                if (!isDir)
                {
                    if (report && !filter.IsExcluded(relative, false)) Emit(relative, FileChangeKind.Created, false);
                    continue;
                }
                if (filter.IsDirectoryExcluded(relative)) continue;
                var wd = AddWatch(FullPath(relative), dirMask, out var errno);
                if (wd < 0)
                {
                    OnAddWatchFailed(relative, errno);
                    continue;
                }
                var known = watches.TryGet(wd, out var existing) && watches.IsAttached(existing);
                var child = watches.Add(dir, name, wd);
                if (report) Emit(relative, FileChangeKind.Created, true);
                if (!known) walkStack.Push(child);
            }
        }
    }

    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private int AddWatch(string fullPath, uint mask, out int errno)
    {
        var injectedErrno = AddWatchFault?.Invoke(fullPath) ?? 0;
        if (injectedErrno != 0)
        {
            errno = injectedErrno;
            return -1;
        }
        var wd = InotifyAddWatch(inotifyFd, fullPath, mask);
        errno = wd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return wd;
    }

    private void OnAddWatchFailed(string relative, int errno)
    {
        if (errno is ENOENT or ENOTDIR) return; // removed or replaced before we got to it: nothing to watch
        if (errno == ENOSPC)
        {
            AddUnwatched(relative);
            ReportWatchLimit();
            return;
        }
        Signal(new WatcherSignal(WatcherSignalKind.Warning, $"Cannot watch '{FullPath(relative)}': {ErrorText(errno)}. Changes below it are only picked up by full syncs."));
    }

    private void AddUnwatched(string relative)
    {
        // An unwatched folder stands for its subtree: keep only the outermost ones.
        foreach (var u in unwatched)
            if (u.Length == 0 || u == relative || relative.StartsWith(u + "/", StringComparison.Ordinal)) return;
        unwatched.RemoveWhere(u => relative.Length == 0 || u.StartsWith(relative + "/", StringComparison.Ordinal));
        unwatched.Add(relative);
        if (!rebuildingUnwatched) unwatchedCopy = [.. unwatched];
    }

    /// <summary>
    /// One probe: can an unwatched folder get its watch now? Folders gone meanwhile are forgotten (when none is left,
    /// the tree is complete again). The probe's watch is removed again: the re-walk adds it in its place.
    /// </summary>
    private bool WatchesAvailable()
    {
        foreach (var folder in unwatched.ToList())
        {
            var wd = AddWatch(FullPath(folder), folder.Length == 0 ? rootMask : dirMask, out var errno);
            if (wd >= 0)
            {
                if (tree is null || !tree.Contains(wd)) InotifyRmWatch(inotifyFd, wd);
                return true;
            }
            if (errno == ENOSPC) return false;
            unwatched.Remove(folder); // removed or replaced: nothing to watch there
        }
        unwatchedCopy = [.. unwatched];
        return true;
    }

    private void ReportWatchLimit()
    {
        if (watchLimitReported) return;
        watchLimitReported = true;
        var limit = ReadWatchLimit();
        var needed = CountDirectoriesToWatch();
        var limitText = limit is { } l ? l.ToString() : "unknown";
        Signal(new WatcherSignal(WatcherSignalKind.WatchLimitReached,
            $"Out of inotify watches (ENOSPC) while watching '{RootPath}': fs.inotify.max_user_watches is {limitText} " +
            $"and this tree needs {needed} watches (plus those of other jobs and programs). Raise it, e.g. " +
            $"'sysctl fs.inotify.max_user_watches={Math.Max(needed * 2, 524288)}'. Until then the folders left unwatched are scanned for changes periodically, and live watching resumes by itself once watches are free.")
        {
            WatchLimit = limit,
            WatchesNeeded = needed,
        });
    }

    internal static long? ReadWatchLimit()
    {
        try { return long.Parse(File.ReadAllText("/proc/sys/fs/inotify/max_user_watches").Trim()); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    private long CountDirectoriesToWatch()
    {
        long count = 1;
        var stack = new Stack<string>();
        stack.Push("");
        while (stack.TryPop(out var relative))
        {
            try
            {
                foreach (var (name, isDir) in new FileSystemEnumerable<(string, bool)>(FullPath(relative),
                    static (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory && (e.Attributes & FileAttributes.ReparsePoint) == 0),
                    ListOptions))
                {
                    if (!isDir) continue;
                    var child = WatchTree.Join(relative, name);
                    if (filter.IsDirectoryExcluded(child)) continue;
                    count++;
                    stack.Push(child);
                }
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or UnauthorizedAccessException or IOException) { }
        }
        return count;
    }

    private void OnOverflow()
    {
        Signal(new WatcherSignal(WatcherSignalKind.Overflow,
            $"The inotify queue overflowed (IN_Q_OVERFLOW) for '{RootPath}': events were lost, a full sync is needed."));
        Rewalk();
    }

    /// <summary>
    /// Rebuilds the tree from the disk. Adding a watch that exists returns the same wd, so only missing ones are
    /// new; watches of directories that vanished meanwhile are dropped. False when the root cannot be watched.
    /// </summary>
    private bool Rewalk()
    {
        var old = tree!;
        SweepUnpairedMoves(all: true); // their deletes must still be reported
        var rootWd = AddWatch(RootPath, rootMask, out var errno);
        if (rootWd < 0)
        {
            if (errno == ENOSPC) ReportWatchLimit();
            else Signal(new WatcherSignal(WatcherSignalKind.RootGone, $"The watch path '{RootPath}' cannot be watched any more: {ErrorText(errno)}."));
            stopping = errno != ENOSPC;
            return false;
        }
        var fresh = new WatchTree(rootWd);
        tree = fresh;
        Walk(fresh.Root, report: false);
        foreach (var wd in old.Wds)
            if (!fresh.Contains(wd)) InotifyRmWatch(inotifyFd, wd);
        return true;
    }

    private void SweepUnpairedMoves(bool all)
    {
        if (pendingPathMoves.Count > 0)
            foreach (var (cookie, move) in pendingPathMoves.ToArray())
            {
                if (!all && move.Generation >= readGeneration) continue;
                pendingPathMoves.Remove(cookie);
                Emit(move.From, FileChangeKind.MovedFrom, move.IsDirectory); // moved out of the tree: a delete
            }
        if (pendingMoves.Count == 0) return;
        foreach (var (cookie, move) in pendingMoves.ToArray())
        {
            if (!all && move.Generation >= readGeneration) continue;
            pendingMoves.Remove(cookie);
            if (move.From is not null) Emit(move.From, FileChangeKind.MovedFrom, true);
            // Moved out of the tree: the directory still exists elsewhere, so its watches must be removed by hand.
            RemoveWatches(move.Node);
        }
    }

    private void RemoveWatches(WatchNode node)
    {
        foreach (var wd in tree!.Remove(node)) InotifyRmWatch(inotifyFd, wd);
    }

    private string FullPath(string relative) =>
        relative.Length == 0 ? RootPath : RootPath == "/" ? "/" + relative : string.Concat(RootPath, "/", relative);

    private void Emit(string relativePath, FileChangeKind kind, bool isDirectory, string? movedFrom = null, bool partnerFollows = false)
    {
        try { onChange(new FileChange(relativePath, kind, isDirectory) { MovedFrom = movedFrom, PartnerFollows = partnerFollows }); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Signal(new WatcherSignal(WatcherSignalKind.Warning, $"The change handler failed for '{relativePath}': {ex.Message}"));
        }
    }

    private void Signal(WatcherSignal signal)
    {
        try { onSignal(signal); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing signal handler must not stop the watcher; there is nobody left to tell.
        }
    }

    private readonly record struct PendingMove(WatchNode Node, long Generation, string? From);

    private readonly record struct PendingPathMove(string From, bool IsDirectory, long Generation);
}
