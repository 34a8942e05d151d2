namespace SyncConsole.Engine.Legacy;

/// <summary>How to import a confxml.xml: the parts that depend on this machine are injectable.</summary>
public sealed record ConfxmlImportOptions
{
    /// <summary>The new job's name; by default the last segment of the watch path.</summary>
    public string? JobName { get; init; }

    /// <summary>Whether the watch path exists here. Tests and previews of foreign files replace it.</summary>
    public Func<string, bool> DirectoryExists { get; init; } = Directory.Exists;

    /// <summary>Reads an rsync password file: the first line, or null and the reason it cannot be used.</summary>
    public Func<string, (string? Password, string? Problem)> ReadPasswordFile { get; init; } = RsyncPasswordFile.TryRead;

    /// <summary>
    /// sersync's <c>-r</c> is a command-line flag, not part of the file; the widely copied guides start it with
    /// <c>sersync2 -d -r -o confxml.xml</c>, so by default the job gets an initial full sync.
    /// </summary>
    public bool StartedWithFullSync { get; init; } = true;

    public int MaxBytes { get; init; } = ConfxmlReader.DefaultMaxBytes;

    /// <summary>Per-match limit for imported regexes, so a catastrophic pattern cannot hang the engine.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(1);
}
