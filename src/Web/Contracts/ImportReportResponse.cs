namespace SyncConsole.Web.Contracts;

/// <summary>The full mapping report of a confxml.xml import.</summary>
public sealed record ImportReportResponse
{
    public required bool CanImport { get; init; }
    public required IReadOnlyList<ImportReportItemResponse> Items { get; init; }
    public required ImportReportCounts Counts { get; init; }
    /// <summary>Null when the file could not be read far enough to describe a job.</summary>
    public ImportSummary? Summary { get; init; }
}
