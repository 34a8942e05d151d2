namespace SyncConsole.Engine.Rsync;

/// <summary>
/// One remote's private 0700 folder for the files rsync must read but argv must not hold: the daemon password
/// (0600, written once and kept while the remote's worker runs) and each run's filter merge file (0600, removed after
/// the run). Making and removing a folder with a password file for every run cost the host a few percent of its CPU
/// per change. Created on first use, made again when something removed it underneath, deleted by <see cref="Dispose"/>.
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
    private long filterCounter;
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

    /// <summary>A new 0600 file with one run's filter rules; the caller removes it with <see cref="Remove"/> after the run.</summary>
    public string FilterFile(byte[] rules)
    {
        string path;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            path = Path.Combine(EnsureFolderLocked(), "filter-" + ++filterCounter);
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

    public static void Remove(string path) => TryDelete(path);

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            if (folder is not null)
                try { Directory.Delete(folder, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            folder = null;
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
        // A folder made again has lost its password file.
        passwordPath = null;
        passwordWritten = null;
        return dir;
    }

    private static void Write(string path, byte[] content)
    {
        using var fs = new FileStream(path, new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
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
