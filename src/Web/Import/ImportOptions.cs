namespace SyncConsole.Web.Import;

/// <summary>The <c>SyncConsole:Import</c> section: limits for confxml.xml imports over REST.</summary>
public sealed class ImportOptions
{
    public static readonly IReadOnlyList<string> DefaultPasswordFileDirectories = ["/etc"];

    /// <summary>
    /// Folders whose rsync password files a REST import may read (null means <c>/etc</c>). An uploaded file must not
    /// make the server read any owner-only file and send its first line to a host named in the upload.
    /// </summary>
    public string[]? PasswordFileDirectories { get; set; }

    public IReadOnlyList<string> EffectivePasswordFileDirectories => PasswordFileDirectories ?? DefaultPasswordFileDirectories;
}
