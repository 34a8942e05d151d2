namespace SyncConsole.Web.Contracts;

/// <summary>Answer of <c>POST /api/import/confxml</c>: the created job (none on a dry run), the report and its warnings.</summary>
public sealed record ConfxmlImportResponse
{
    public required bool DryRun { get; init; }
    public int? JobId { get; init; }
    public required ImportReportResponse Report { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
}
