namespace SyncConsole.Web.Contracts;

/// <summary>What an import creates (or a dry run would create). Plugin settings are listed by kind only: they may hold secrets.</summary>
public sealed record ImportSummary
{
    public required JobRequest Job { get; init; }
    public required IReadOnlyList<ImportRemoteSummary> Remotes { get; init; }
    public required IReadOnlyList<string> LiveExcludeRegexes { get; init; }
    public required IReadOnlyList<string> FullSyncExcludes { get; init; }
    public required IReadOnlyList<string> Plugins { get; init; }
    public int? FullSyncIntervalMinutes { get; init; }
    public required int RetryIntervalMinutes { get; init; }
    public required bool InitialFullSync { get; init; }
}
