namespace SyncConsole.Engine.Rsync;

/// <summary>How one rsync process ended.</summary>
public sealed record RsyncResult
{
    public required int ExitCode { get; init; }
    public string Meaning => RsyncExitCodes.Describe(ExitCode, Stderr);
    public bool Succeeded => RsyncExitCodes.IsSuccess(ExitCode);
    public RsyncStats Stats { get; init; } = RsyncStats.Empty;
    /// <summary>
    /// The daemon refused the connection because its module's "max connections" were in use ("try again later"):
    /// busy, not broken.
    /// </summary>
    public bool DaemonBusy => ExitCode == RsyncExitCodes.AuthOrStartup && Stderr.Contains("max connections", StringComparison.Ordinal);
    /// <summary>stderr (its last 256 KiB at most), for parsing failed paths.</summary>
    public string Stderr { get; init; } = "";
    /// <summary>The last lines of stderr, for people and the fail log.</summary>
    public string StderrTail => Stderr.Length <= 4000 ? Stderr.Trim() : Stderr[^4000..].Trim();
    /// <summary>stdout: complete when the runner was asked to keep it all (verify, probe), otherwise its tail.</summary>
    public string Stdout { get; init; } = "";
    public required TimeSpan Duration { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>The argv as run, formatted for display (no secret in it).</summary>
    public required string CommandLine { get; init; }
}
