namespace SyncConsole.Engine.Legacy;

/// <summary>
/// Imports a legacy sersync 2.5 confxml.xml into a <see cref="ConfxmlImportPlan"/> with the same meaning sersync gave it.
/// Pure: nothing is stored here; the caller stores the plan in one transaction, and only when it has no errors.
/// </summary>
public sealed class ConfxmlImporter(ConfxmlImportOptions? options = null)
{
    private readonly ConfxmlImportOptions _options = options ?? new ConfxmlImportOptions();

    public ConfxmlImportPlan Import(ReadOnlySpan<byte> content)
    {
        var report = new ImportReport();
        System.Xml.Linq.XDocument document;
        try
        {
            document = ConfxmlReader.Read(content, _options.MaxBytes);
        }
        catch (ConfxmlException ex)
        {
            report.Error(ex.Reason, ex.Line);
            return new ConfxmlImportPlan { Report = report };
        }
        return new ConfxmlMapper(_options, report).Map(document.Root!);
    }

    public async Task<ConfxmlImportPlan> ImportFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            return Failed($"the file \"{path}\" does not exist");
        // Refuse before reading: a hostile upload must not be pulled into memory whole.
        if (file.Length > _options.MaxBytes)
            return Failed($"the file is {file.Length} bytes, over the {_options.MaxBytes}-byte limit; a sersync confxml.xml is a few KiB");
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return Import(bytes);
    }

    private static ConfxmlImportPlan Failed(string message)
    {
        var report = new ImportReport();
        report.Error(message);
        return new ConfxmlImportPlan { Report = report };
    }
}
