using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Legacy;

/// <summary>
/// What importing a confxml.xml would create (a job with Id 0 and its remotes, plus the extra settings) and the
/// full report. A dry run shows this; a real import stores it in one transaction, and only when <see cref="CanImport"/>.
/// </summary>
public sealed record ConfxmlImportPlan
{
    /// <summary>Null when the file could not be read far enough to describe a job.</summary>
    public JobDefinition? Job { get; init; }
    public ConfxmlJobSettings? Settings { get; init; }
    public required ImportReport Report { get; init; }

    /// <summary>Any error means nothing may be imported.</summary>
    public bool CanImport => Job is not null && Settings is not null && !Report.HasErrors;
}
