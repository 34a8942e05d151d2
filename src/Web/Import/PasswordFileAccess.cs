namespace SyncConsole.Web.Import;

/// <summary>Which rsync password files an import may read.</summary>
public enum PasswordFileAccess
{
    /// <summary>REST: only rsync-looking files inside <see cref="ImportOptions.PasswordFileDirectories"/>.</summary>
    AllowedDirectoriesOnly = 0,
    /// <summary>CLI: the administrator on the host can read the file anyway.</summary>
    AnyReadable = 1,
}
