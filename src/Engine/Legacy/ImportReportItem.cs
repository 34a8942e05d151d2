namespace SyncConsole.Engine.Legacy;

/// <summary>One line of the mapping report. <see cref="Line"/> is the 1-based line in the confxml.xml, when known.</summary>
public sealed record ImportReportItem(ImportSeverity Severity, string Message, int? Line = null)
{
    public override string ToString() =>
        Line is null ? $"{Severity}: {Message}" : $"line {Line}: {Severity}: {Message}";
}
