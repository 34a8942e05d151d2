namespace SyncConsole.Engine.Legacy;

/// <summary>The full mapping report of a confxml.xml import: what would be created, warnings, ignored parts, errors.</summary>
public sealed class ImportReport
{
    /// <summary>A real confxml.xml yields about 30 items; a hostile one must not yield a 100,000-line report.</summary>
    public const int MaxItems = 1000;

    private readonly List<ImportReportItem> _items = [];
    private int _suppressedErrors;

    public IReadOnlyList<ImportReportItem> Items => _items;

    /// <summary>Items past <see cref="MaxItems"/>: counted, not listed.</summary>
    public int SuppressedCount { get; private set; }

    public bool HasErrors => _suppressedErrors > 0 || _items.Any(i => i.Severity == ImportSeverity.Error);
    public IEnumerable<ImportReportItem> Errors => _items.Where(i => i.Severity == ImportSeverity.Error);
    public IEnumerable<ImportReportItem> Warnings => _items.Where(i => i.Severity == ImportSeverity.Warning);
    public IEnumerable<ImportReportItem> Ignored => _items.Where(i => i.Severity == ImportSeverity.Ignored);

    public void Add(ImportSeverity severity, string message, int? line = null)
    {
        if (_items.Count >= MaxItems)
        {
            SuppressedCount++;
            if (severity == ImportSeverity.Error) _suppressedErrors++;
            return;
        }
        _items.Add(new(severity, message, line));
    }

    public void Info(string message, int? line = null) => Add(ImportSeverity.Info, message, line);
    public void Warn(string message, int? line = null) => Add(ImportSeverity.Warning, message, line);
    public void Ignore(string message, int? line = null) => Add(ImportSeverity.Ignored, message, line);
    public void Error(string message, int? line = null) => Add(ImportSeverity.Error, message, line);

    /// <summary>One item per line; safe to show: secrets never enter the report.</summary>
    public override string ToString()
    {
        var text = string.Join(Environment.NewLine, _items);
        return SuppressedCount == 0
            ? text
            : text + Environment.NewLine + $"... and {SuppressedCount} more item(s) not listed ({_suppressedErrors} of them errors)";
    }
}
