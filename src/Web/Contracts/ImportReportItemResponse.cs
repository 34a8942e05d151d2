using SyncConsole.Engine.Legacy;

namespace SyncConsole.Web.Contracts;

/// <summary>One line of an import report; <see cref="Line"/> is the 1-based line in the confxml.xml, when known.</summary>
public sealed record ImportReportItemResponse(ImportSeverity Severity, int? Line, string Message);
