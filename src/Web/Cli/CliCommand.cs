namespace SyncConsole.Web.Cli;

/// <summary>A parsed <c>import</c> or <c>export</c> command line; <see cref="UsageError"/> when it makes no sense.</summary>
public sealed record CliCommand
{
    public required string Verb { get; init; }
    /// <summary>The confxml.xml to import, or the job id or name to export.</summary>
    public string? Target { get; init; }
    public bool DryRun { get; init; }
    public string? Name { get; init; }
    /// <summary>The job's destination folder: one for every remote, or one per remote in the file's order.</summary>
    public IReadOnlyList<string?> Destinations { get; init; } = [];
    public string? Output { get; init; }
    public bool IncludeCdnPassword { get; init; }
    public string? UsageError { get; init; }
}
