namespace SyncConsole.Engine.Legacy;

/// <summary>The full mapping report of a confxml.xml import: what would be created, warnings, ignored parts, errors.</summary>
public sealed class ImportReport
{
    private readonly List<ImportReportItem> _items = [];

    public IReadOnlyList<ImportReportItem> Items => _items;
    public bool HasErrors => _items.Any(i => i.Severity == ImportSeverity.Error);
    public IEnumerable<ImportReportItem> Errors => _items.Where(i => i.Severity == ImportSeverity.Error);
    public IEnumerable<ImportReportItem> Warnings => _items.Where(i => i.Severity == ImportSeverity.Warning);
    public IEnumerable<ImportReportItem> Ignored => _items.Where(i => i.Severity == ImportSeverity.Ignored);

    public void Add(ImportSeverity severity, string message, int? line = null) => _items.Add(new(severity, message, line));
    public void Info(string message, int? line = null) => Add(ImportSeverity.Info, message, line);
    public void Warn(string message, int? line = null) => Add(ImportSeverity.Warning, message, line);
    public void Ignore(string message, int? line = null) => Add(ImportSeverity.Ignored, message, line);
    public void Error(string message, int? line = null) => Add(ImportSeverity.Error, message, line);

    /// <summary>One item per line, in file order of discovery; safe to show: secrets never enter the report.</summary>
    public override string ToString() => string.Join(Environment.NewLine, _items);
}
