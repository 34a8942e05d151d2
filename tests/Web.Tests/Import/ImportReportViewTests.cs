using SyncConsole.Engine.Legacy;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Import;

namespace SyncConsole.Web.Tests.Import;

/// <summary>How the Import page lays out a report and its summary.</summary>
public sealed class ImportReportViewTests
{
    [Fact]
    public void Ordered_MixedItems_ErrorsFirstThenWarningsIgnoredInfoEachByLine()
    {
        var ordered = ImportReportView.Ordered(
        [
            new(ImportSeverity.Info, 3, "i"), new(ImportSeverity.Warning, 9, "w9"), new(ImportSeverity.Error, null, "e?"),
            new(ImportSeverity.Error, 4, "e4"), new(ImportSeverity.Ignored, 1, "g"), new(ImportSeverity.Warning, 2, "w2"),
        ]);

        Assert.Equal(["e4", "e?", "w2", "w9", "g", "i"], ordered.Select(i => i.Message));
    }

    [Fact]
    public void Lines_Summary_DescribesJobFiltersPluginsAndSchedule()
    {
        var summary = new ImportSummary
        {
            Job = new JobRequest { Name = "www", WatchPath = "/srv/www", RsyncParams = "-artuz", DeleteEnabled = false },
            Remotes = [],
            LiveExcludeRegexes = [@"(.*)\.svn"],
            FullSyncExcludes = [],
            Plugins = ["Command"],
            FullSyncIntervalMinutes = 600,
            RetryIntervalMinutes = 60,
            InitialFullSync = true,
        };

        var lines = ImportReportView.Lines(summary).ToDictionary(l => l.Label, l => l.Value);

        Assert.Equal("www", lines["Job"]);
        Assert.Equal("/srv/www", lines["Watch path"]);
        Assert.Equal("no", lines["Delete on the remote"]);
        Assert.Equal(@"(.*)\.svn", lines["Live excludes"]);
        Assert.Equal("none", lines["Full-sync excludes"]);
        Assert.Equal("Command", lines["Plugins"]);
        Assert.Equal("a full sync at start; a full sync every 600 min; failed paths retried every 60 min", lines["Schedule"]);
    }

    [Fact]
    public void Lines_NoInitialFullSyncButReconcileOn_SaysTheJobStillReconcilesAtStart()
    {
        var summary = new ImportSummary
        {
            Job = new JobRequest { Name = "www", WatchPath = "/srv/www" }, // an import keeps ReconcileAfterTrouble's default: on
            Remotes = [], LiveExcludeRegexes = [], FullSyncExcludes = [], Plugins = [],
            RetryIntervalMinutes = 60,
            InitialFullSync = false,
        };

        var schedule = ImportReportView.Lines(summary).Single(l => l.Label == "Schedule").Value;

        Assert.StartsWith("one reconciling full sync at start ('full sync after trouble' is on; turn it off on the job to skip it); ", schedule);
    }
}
