using System.CommandLine;

namespace SyncConsole.Web.Cli;

/// <summary>
/// A parsed command line: the verb (<c>serve</c> when none is given), its arguments, and what the host's
/// configuration must see (<see cref="HostArgs"/>). <see cref="UsageError"/> when it makes no sense.
/// </summary>
public sealed record CliCommand
{
    public const string Serve = "serve";
    public const string Import = "import";
    public const string Export = "export";
    public const string CheckConfig = "check-config";
    public const string Healthcheck = "healthcheck";
    /// <summary><c>--help</c>, <c>-h</c>, <c>help</c> or <c>--version</c>: print and exit 0, nothing else starts.</summary>
    public const string Information = "information";

    public required string Verb { get; init; }
    /// <summary>The confxml.xml to import, or the job id or name to export.</summary>
    public string? Target { get; init; }
    public bool DryRun { get; init; }
    public string? Name { get; init; }
    /// <summary>The job's destination folder: one for every remote, or one per remote in the file's order.</summary>
    public IReadOnlyList<string?> Destinations { get; init; } = [];
    public string? Output { get; init; }
    public bool IncludeCdnPassword { get; init; }
    /// <summary>healthcheck: the server's base URL instead of the configured one.</summary>
    public string? Url { get; init; }
    /// <summary><c>--contentRoot</c>: where appsettings.json and wwwroot/ are; null means the application's own folder.</summary>
    public string? ContentRoot { get; init; }
    /// <summary>Configuration for the host (<c>--urls=…</c>, <c>--environment=…</c>, <c>--Section:Key=value</c>), highest precedence.</summary>
    public IReadOnlyList<string> HostArgs { get; init; } = [];
    public string? UsageError { get; init; }

    /// <summary>The parse behind this command: renders help and version text.</summary>
    internal ParseResult? Parsed { get; init; }

    public bool IsServer => Verb == Serve;
}
