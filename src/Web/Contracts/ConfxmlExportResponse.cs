namespace SyncConsole.Web.Contracts;

/// <summary>JSON variant of <c>GET /api/jobs/{id}/export</c>: the file and what it could not express.</summary>
public sealed record ConfxmlExportResponse(string FileName, string Xml, IReadOnlyList<string> Warnings);
