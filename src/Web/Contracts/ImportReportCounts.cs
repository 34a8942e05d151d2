namespace SyncConsole.Web.Contracts;

/// <summary>Items per severity; <see cref="Suppressed"/> counts items past the report's limit, not listed.</summary>
public sealed record ImportReportCounts(int Info, int Warning, int Ignored, int Error, int Suppressed);
