namespace SyncConsole.Engine.Rsync;

/// <summary>
/// One remote's private 0700 folder for the files rsync must read but argv must not hold: the daemon password
/// (0600, written once and kept while the remote's worker runs) and each run's filter merge file (0600; a run's file is
/// rewritten by a later run rather than deleted, as a new inode per run cost more than its content). Making and
/// removing a folder with a password file for every run cost the host a few percent of its CPU per change. Created on first use, made again when something removed it underneath, deleted by <see cref="Dispose"/>.
/// Thread-safe: a remote's runs may go side by side.
/// </summary>
public sealed class RsyncPrivateFiles : IDisposable
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly object gate = new();
    private readonly string root;
    private string? folder;
    private string? passwordPath;
    private string? passwordWritten;
    private int passwordGeneration;
    private int filterCounter;
    // Filter files no run is reading: the next run rewrites one of them in place.
    private readonly Stack<string> freeFilters = new();
    private bool disposed;

    /// <param name="root">Where the folder is made (the host's runtime directory; the system's temp folder when null).</param>
    public RsyncPrivateFiles(string? root = null) => this.root = root ?? Path.GetTempPath();

    /// <summary>The folder, once made (tests check its mode and that it goes away).</summary>
    public string? Folder
    {
        get { lock (gate) return folder; }
    }

    /// <summary>The path of a 0600 file holding <paramref name="password"/>; the same file for every run while it exists.</summary>
    public string PasswordFile(string password)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (passwordPath is not null && passwordWritten == password && File.Exists(passwordPath)) return passwordPath;
            var dir = EnsureFolderLocked();
            // A new name when the password changed: a run that is reading the old file keeps it.
            var path = Path.Combine(dir, "password-" + ++passwordGeneration);
            Write(path, System.Text.Encoding.UTF8.GetBytes(password + "\n"));
            if (passwordPath is not null && passwordWritten != password) TryDelete(passwordPath);
            (passwordPath, passwordWritten) = (path, password);
            return path;
        }
    }

    /// <summary>A 0600 file with one run's filter rules, no other run's; the caller hands it back with <see cref="Release"/> after the run.</summary>
    public string FilterFile(byte[] rules)
    {
        string path;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var dir = EnsureFolderLocked();
            path = freeFilters.Count > 0 ? freeFilters.Pop() : Path.Combine(dir, "filter-" + ++filterCounter);
        }
        try { Write(path, rules); }
        catch (DirectoryNotFoundException)
        {
            // Removed underneath between the check and the write: make it again once.
            lock (gate) path = Path.Combine(EnsureFolderLocked(), Path.GetFileName(path));
            Write(path, rules);
        }
        return path;
    }

    /// <summary>The run that read <paramref name="filterFile"/> ended: a later run may rewrite it.</summary>
    public void Release(string filterFile)
    {
        lock (gate)
            if (!disposed) freeFilters.Push(filterFile);
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            if (folder is not null)
                try { Directory.Delete(folder, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            folder = null;
            freeFilters.Clear();
            passwordPath = null;
            passwordWritten = null;
        }
    }

    private string EnsureFolderLocked()
    {
        if (folder is not null && Directory.Exists(folder)) return folder;
        var dir = folder ?? Path.Combine(root, "syncconsole-rsync-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir, FolderMode);
        // The umask cannot widen it, but an existing parent's defaults must not either: set it explicitly.
        File.SetUnixFileMode(dir, FolderMode);
        folder = dir;
        // A folder made again has lost its password file (filter files are made again by their next write).
        passwordPath = null;
        passwordWritten = null;
        return dir;
    }

    private static void Write(string path, byte[] content)
    {
        using var fs = new FileStream(path, new FileStreamOptions
        {
            // Create: a free filter file is truncated and rewritten in place. UnixCreateMode applies to a new file;
            // an existing one was made here with it.
            Mode = System.IO.FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = FileMode,
        });
        fs.Write(content);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
