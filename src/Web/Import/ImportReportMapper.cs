using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Legacy;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Import;

/// <summary>Turns an import result into the REST report (and the CLI's text lines).</summary>
public static class ImportReportMapper
{
    public static ImportReportResponse ToResponse(ConfxmlImportResult result)
    {
        var report = result.Report;
        var items = report.Items.Select(i => new ImportReportItemResponse(i.Severity, i.Line, i.Message)).ToList();
        return new ImportReportResponse
        {
            CanImport = result.Succeeded,
            Items = items,
            Counts = new ImportReportCounts(
                items.Count(i => i.Severity == ImportSeverity.Info), items.Count(i => i.Severity == ImportSeverity.Warning),
                items.Count(i => i.Severity == ImportSeverity.Ignored), items.Count(i => i.Severity == ImportSeverity.Error),
                report.SuppressedCount),
            Summary = Summary(result),
        };
    }

    public static ConfxmlImportResponse ToImportResponse(ConfxmlImportResult result) => new()
    {
        DryRun = result.DryRun,
        JobId = result.JobId,
        Report = ToResponse(result),
        Warnings = result.Report.Warnings.Select(w => w.ToString()).ToList(),
    };

    /// <summary>"line 12: Error: ..." for every error, one per line (the 400 detail and the CLI's stderr).</summary>
    public static string ErrorText(ImportReport report)
    {
        var text = string.Join("\n", report.Errors.Select(e => e.ToString()));
        return report.SuppressedCount > 0 ? text + $"\n... and {report.SuppressedCount} more item(s) not listed" : text;
    }

    private static ImportSummary? Summary(ConfxmlImportResult result)
    {
        if (result.Plan.Job is not { } job || result.Plan.Settings is not { } settings) return null;
        var remotes = result.Remotes.Count > 0
            ? result.Remotes
            : job.Remotes.Select(r => new RemotePlan(r, r.Name, null)).ToList();
        return new ImportSummary
        {
            Job = ConfxmlImportService.ToJobRequest(job, settings),
            Remotes = remotes.Select(r => new ImportRemoteSummary
            {
                Name = r.Name,
                Host = r.Definition.Host,
                Transport = r.Definition.Transport == RemoteTransport.Ssh ? "ssh" : "daemon",
                ModuleOrPath = r.Definition.ModuleOrPath,
                User = r.Definition.User,
                Port = r.Definition.Port,
                TimeoutSeconds = r.Definition.TimeoutSeconds,
                HasPassword = r.Definition.Password is not null,
                NeedsPassword = r.ExistingId is null && settings.NeedsPassword && r.Definition.Transport == RemoteTransport.Daemon,
                ExistingId = r.ExistingId,
                Destination = r.Definition.Destination,
            }).ToList(),
            LiveExcludeRegexes = job.ExcludeRegexes,
            FullSyncExcludes = job.FullSyncExcludes,
            Plugins = settings.EnabledPlugin is { } kind ? [kind.ToString()] : [],
            FullSyncIntervalMinutes = settings.FullSyncIntervalMinutes,
            RetryIntervalMinutes = settings.RetryIntervalMinutes,
            InitialFullSync = job.InitialFullSync,
        };
    }
}
