using SyncConsole.Data;

namespace SyncConsole.Web.Hosting;

/// <summary>The files of one appliance instance, resolved once at start-up.</summary>
public sealed class SyncConsolePaths
{
    public SyncConsolePaths(string contentRoot, string configuredDataDirectory)
    {
        DataDirectory = Path.GetFullPath(Path.Combine(contentRoot, configuredDataDirectory));
    }

    public string DataDirectory { get; }
    public string DatabaseFile => Path.Combine(DataDirectory, SyncConsoleDatabase.FileName);
    public string KeysDirectory => Path.Combine(DataDirectory, "keys");
    /// <summary>Private scratch space for rsync password and list files (each run gets a 0700 folder inside).</summary>
    public string RuntimeDirectory => Path.Combine(DataDirectory, "run");
    /// <summary>PID and start-time records of running rsync children (outside <see cref="RuntimeDirectory"/>, which start-up empties).</summary>
    public string ChildrenDirectory => Path.Combine(DataDirectory, "children");
    public string InitialPasswordFile => Path.Combine(DataDirectory, "initial-admin-password");

    /// <summary>Creates the data directory readable by its owner only: it holds keys and secrets.</summary>
    public void EnsureCreated()
    {
        if (Directory.Exists(DataDirectory)) return;
        Directory.CreateDirectory(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
