namespace SyncConsole.Web.Import;

/// <summary>One "what would be created" line of the Import page: a label and its plain-words value.</summary>
public sealed record ImportSummaryLine(string Label, string Value);
