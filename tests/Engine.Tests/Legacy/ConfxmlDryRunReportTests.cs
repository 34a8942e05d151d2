using SyncConsole.Engine.Legacy;

namespace SyncConsole.Engine.Tests.Legacy;

/// <summary>The dry run: the report alone tells what would be created, what is ignored or wrong, and where.</summary>
public class ConfxmlDryRunReportTests
{
    [Fact]
    public void Report_ImportableFile_ListsTheJobAndEveryRemoteToBeCreated()
    {
        var plan = ConfxmlImporterTests.Import("case-and-whitespace.xml");
        var infos = plan.Report.Items.Where(i => i.Severity == ImportSeverity.Info).Select(i => i.Message).ToList();

        Assert.Contains(infos, m => m.StartsWith("job \"Case Dir\" watching \"/data/Case Dir\"", StringComparison.Ordinal) && m.Contains("createFile"));
        Assert.Contains(infos, m => m == "remote \"192.168.10.20::mod1\": rsync daemon module \"mod1\" on 192.168.10.20 (user backup, needs a password, port 8873, timeout 30s)");
        Assert.Contains(infos, m => m.StartsWith("remote \"backup.example.com::mod2\"", StringComparison.Ordinal));
        Assert.Contains(infos, m => m == "full sync every 45 minute(s) (crontab)");
        Assert.Contains(infos, m => m.Contains("retried every 15 minute(s)"));
    }

    [Fact]
    public void Report_FileWithErrors_StillDescribesWhatItReadButCannotBeImported()
    {
        var plan = ConfxmlImporterTests.Import("filter-bad-regex.xml");

        Assert.False(plan.CanImport); // the caller must store nothing: the import is all or nothing
        Assert.NotNull(plan.Job); // but the dry run still shows the mapping
        Assert.Contains(plan.Report.Items, i => i.Severity == ImportSeverity.Info && i.Message.StartsWith("job \"filtered\"", StringComparison.Ordinal));
        Assert.All(plan.Report.Errors, e => Assert.NotNull(e.Line));
    }

    [Fact]
    public void Report_ToString_PutsLineAndSeverityOnEveryItem()
    {
        var plan = ConfxmlImporterTests.Import("filter-bad-regex.xml");

        var text = plan.Report.ToString();

        Assert.Contains("line 6: Error: invalid regex", text);
        Assert.Contains("line 14: Info: job \"filtered\"", text);
        Assert.Equal(plan.Report.Items.Count, text.Split(Environment.NewLine).Length);
    }

    [Fact]
    public void Import_SameBytesTwice_GivesTheSameReport()
    {
        var first = ConfxmlImporterTests.Import("stray-text-and-unknown.xml");
        var second = ConfxmlImporterTests.Import("stray-text-and-unknown.xml");

        Assert.Equal(first.Report.Items, second.Report.Items);
    }

    [Fact]
    public void Import_OneBadRemoteAmongGoodOnes_MakesTheWholeFileUnimportable()
    {
        var xml = ConfxmlFixtures.Text("full-default.xml").Replace(
            "<remote ip=\"10.0.0.5\" name=\"www\"/>",
            "<remote ip=\"10.0.0.5\" name=\"www\"/>\n<remote ip=\"10.0.0.6\" name=\"\"/>\n<remote ip=\"10.0.0.7\" name=\"www\"/>");

        var plan = ConfxmlImporterTests.ImportText(xml);

        // All or nothing: the good remotes are shown in the dry run, but nothing may be stored.
        Assert.Equal(["10.0.0.5::www", "10.0.0.7::www"], plan.Job!.Remotes.Select(r => r.Name));
        Assert.False(plan.CanImport);
        Assert.Equal(26, Assert.Single(plan.Report.Errors).Line);
    }

    [Fact]
    public void Import_FileWithThousandsOfProblems_KeepsTheReportBoundedButCountsErrors()
    {
        var remotes = string.Concat(Enumerable.Repeat("<remote name=\"m\"/>\n", 3000));
        var xml = $"<head><sersync><localpath watch=\"/srv/x\">{remotes}</localpath></sersync></head>";

        var plan = ConfxmlImporterTests.ImportText(xml);

        Assert.Equal(ImportReport.MaxItems, plan.Report.Items.Count);
        Assert.True(plan.Report.SuppressedCount > 2000);
        Assert.True(plan.Report.HasErrors);
        Assert.False(plan.CanImport);
        Assert.EndsWith("errors)", plan.Report.ToString());
    }
}
