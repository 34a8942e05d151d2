using SyncConsole.Engine.Processes;

namespace SyncConsole.Web.Hosting;

/// <summary>
/// Start-up clean-up after a crash: ends the rsync children an earlier run left behind (by recorded PID and start
/// time, never by name) and empties <c>data/run</c>, whose private folders may still hold a remote's password file.
/// </summary>
public static class RunDirectoryJanitor
{
    public static (IReadOnlyList<int> EndedPids, int RemovedEntries) Clean(SyncConsolePaths paths, ChildProcessLedger ledger)
    {
        // Children first: a live rsync may still be reading its password file.
        var ended = ledger.EndOrphans();
        var removed = 0;
        if (Directory.Exists(paths.RuntimeDirectory))
        {
            foreach (var entry in new DirectoryInfo(paths.RuntimeDirectory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo dir and not { LinkTarget: not null }) dir.Delete(recursive: true);
                else entry.Delete();
                removed++;
            }
        }
        Directory.CreateDirectory(paths.RuntimeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (ended, removed);
    }
}
