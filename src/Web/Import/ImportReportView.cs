using SyncConsole.Engine.Legacy;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Import;

/// <summary>How the Import page lays out a dry-run report: errors first, then warnings, ignored and info, each by line.</summary>
public static class ImportReportView
{
    public static IReadOnlyList<ImportReportItemResponse> Ordered(IEnumerable<ImportReportItemResponse> items) =>
        items.OrderBy(i => Rank(i.Severity)).ThenBy(i => i.Line ?? int.MaxValue).ToList();

    public static MudBlazor.Color SeverityColor(ImportSeverity severity) => severity switch
    {
        ImportSeverity.Error => MudBlazor.Color.Error,
        ImportSeverity.Warning => MudBlazor.Color.Warning,
        ImportSeverity.Ignored => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Info,
    };

    public static string SeverityName(ImportSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>The job, filters, plugins and schedule in plain words (remotes are listed separately, with their password state).</summary>
    public static IReadOnlyList<ImportSummaryLine> Lines(ImportSummary summary)
    {
        var job = summary.Job;
        var lines = new List<ImportSummaryLine>
        {
            new("Job", job.Name ?? "(no name)"),
            new("Watch path", job.WatchPath ?? "(none)"),
            new("rsync options", string.IsNullOrWhiteSpace(job.RsyncParams) ? "-artuz (default)" : job.RsyncParams.Trim()),
            new("Delete on the remote", job.DeleteEnabled ? "yes" : "no"),
            new("Live excludes", summary.LiveExcludeRegexes.Count == 0 ? "none" : string.Join("  ", summary.LiveExcludeRegexes)),
            new("Full-sync excludes", summary.FullSyncExcludes.Count == 0 ? "none" : string.Join("  ", summary.FullSyncExcludes)),
            new("Plugins", summary.Plugins.Count == 0 ? "none" : string.Join(", ", summary.Plugins)),
            new("Schedule", Schedule(summary)),
        };
        return lines;
    }

    private static string Schedule(ImportSummary summary)
    {
        var parts = new List<string>();
        // Without -r the job's "full sync after trouble" (on by default) still reconciles once at start.
        if (summary.InitialFullSync) parts.Add("a full sync at start");
        else if (summary.Job.ReconcileAfterTrouble) parts.Add("one reconciling full sync at start ('full sync after trouble' is on; turn it off on the job to skip it)");
        else parts.Add("no full sync at start");
        parts.Add(summary.FullSyncIntervalMinutes is { } minutes ? $"a full sync every {minutes} min" : "no periodic full sync");
        parts.Add($"failed paths retried every {summary.RetryIntervalMinutes} min");
        return string.Join("; ", parts);
    }

    private static int Rank(ImportSeverity severity) => severity switch
    {
        ImportSeverity.Error => 0,
        ImportSeverity.Warning => 1,
        ImportSeverity.Ignored => 2,
        _ => 3,
    };
}
