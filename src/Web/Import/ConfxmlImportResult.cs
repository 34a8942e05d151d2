using SyncConsole.Engine.Legacy;

namespace SyncConsole.Web.Import;

/// <summary>The outcome of an import or dry run: the plan with its full report, and what was (or would be) stored.</summary>
public sealed record ConfxmlImportResult
{
    public required ConfxmlImportPlan Plan { get; init; }
    public required bool DryRun { get; init; }
    /// <summary>The created job; null for a dry run or when nothing was imported.</summary>
    public int? JobId { get; init; }
    public IReadOnlyList<RemotePlan> Remotes { get; init; } = [];
    public ImportReport Report => Plan.Report;
    public bool Succeeded => !Plan.Report.HasErrors && Plan.CanImport;
}
