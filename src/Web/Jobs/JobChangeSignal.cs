using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Jobs;

/// <summary>
/// How another process on the same data directory (the CLI's <c>import</c>) tells a running server that jobs changed:
/// it renames a file into <c>data/signal/</c>, which the server watches with inotify (<see cref="JobChangeSignalWatcher"/>).
/// No polling while idle; a server that is not running simply reads the database at its next start.
/// </summary>
public static class JobChangeSignal
{
    public const string FileName = "jobs.changed";

    public static string Directory(SyncConsolePaths paths) => Path.Combine(paths.DataDirectory, "signal");

    /// <returns>false when the signal could not be written (the server then notices at its next change or restart).</returns>
    public static bool Raise(SyncConsolePaths paths)
    {
        try
        {
            var folder = System.IO.Directory.CreateDirectory(Directory(paths), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // Written aside and renamed in: one atomic event, and it works even when the old file belongs to another user.
            var temp = Path.Combine(folder.FullName, $".{FileName}.{Environment.ProcessId}");
            File.WriteAllText(temp, DateTimeOffset.UtcNow.ToString("O"));
            File.Move(temp, Path.Combine(folder.FullName, FileName), overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

/// <summary>Reloads the jobs (through <see cref="JobChangeNotifier"/>) when <see cref="JobChangeSignal"/> is raised.</summary>
public sealed class JobChangeSignalWatcher(SyncConsolePaths paths, JobChangeNotifier notifier, ILogger<JobChangeSignalWatcher> logger) : IHostedService, IDisposable
{
    private FileSystemWatcher? watcher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var folder = Directory.CreateDirectory(JobChangeSignal.Directory(paths), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            watcher = new FileSystemWatcher(folder.FullName) { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite };
            watcher.Created += OnSignal;
            watcher.Renamed += OnSignal;
            watcher.Changed += OnSignal;
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            logger.LogWarning("Jobs imported from the command line start at the next job change or restart: cannot watch {Folder}: {Reason}",
                JobChangeSignal.Directory(paths), e.Message);
        }
        return Task.CompletedTask;
    }

    private void OnSignal(object sender, FileSystemEventArgs e)
    {
        if (e.Name != JobChangeSignal.FileName) return;
        logger.LogInformation("Jobs changed by another process (command line): reloading");
        notifier.NotifyChanged();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (watcher is not null) watcher.EnableRaisingEvents = false;
        return Task.CompletedTask;
    }

    public void Dispose() => watcher?.Dispose();
}
