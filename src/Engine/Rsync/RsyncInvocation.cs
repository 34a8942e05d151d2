using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Rsync;

/// <summary>
/// One rsync run, fully decided but not started: arguments, the NUL-separated file list for stdin, filter
/// rules for a private merge file and the password for a private password file. The runner inserts
/// <c>--password-file=</c> and <c>--filter=. FILE</c> between <see cref="Options"/> and <see cref="Operands"/>.
/// </summary>
public sealed class RsyncInvocation
{
    public required string WorkingDirectory { get; init; }
    public required IReadOnlyList<string> Options { get; init; }
    /// <summary>Source and destination, always last.</summary>
    public required IReadOnlyList<string> Operands { get; init; }
    /// <summary>The <c>--files-from=- --from0</c> list written to rsync's stdin, or null.</summary>
    public byte[]? FilesFrom { get; init; }
    /// <summary>NUL-separated filter rules (read with <c>--from0</c>) for a merge file, or null.</summary>
    public byte[]? FilterRules { get; init; }
    /// <summary>The daemon password; goes only into a 0600 file, never into argv. Secret: not in <see cref="ToString"/>.</summary>
    public string? Password { get; init; }
    /// <summary>The paths this run delivers (empty for full syncs, probes and verifies).</summary>
    public IReadOnlyList<ChangedPath> Paths { get; init; } = [];

    public bool NeedsPasswordFile => Password is not null;

    /// <summary>Arguments without the runner's private files (the password-file and filter merge file).</summary>
    public IReadOnlyList<string> Arguments => [.. Options, .. Operands];

    /// <summary>The command line for people (sersync's debug view). Holds no secret because argv holds none.</summary>
    public string DisplayString => RsyncCommandLine.Format(Arguments);

    public override string ToString() => DisplayString;
}
