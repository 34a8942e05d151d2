using System.Text;
using SyncConsole.Engine.Legacy;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Legacy;

/// <summary>Broken, hostile and template files: each gets a clear, line-numbered error and nothing is importable.</summary>
public class ConfxmlImporterErrorTests
{
    private static ConfxmlImportPlan Import(string fixture) => ConfxmlImporterTests.Import(fixture);

    private static ImportReportItem AssertFailsWith(ConfxmlImportPlan plan, string containing, int? line)
    {
        Assert.False(plan.CanImport);
        var error = Assert.Single(plan.Report.Errors, e => e.Message.Contains(containing, StringComparison.Ordinal));
        Assert.Equal(line, error.Line);
        return error;
    }

    [Theory]
    [InlineData("broken-not-xml.xml", "not well-formed XML", 1)]
    [InlineData("broken-unclosed.xml", "not well-formed XML", 7)]
    [InlineData("broken-shell-echo.xml", "not well-formed XML", 1)]
    [InlineData("broken-wrong-root.xml", "sersync requires <head>", 2)]
    [InlineData("hostile-xxe.xml", "DOCTYPE", 2)]
    [InlineData("hostile-billion-laughs.xml", "DOCTYPE", 2)]
    [InlineData("hostile-parameter-entity.xml", "DOCTYPE", 2)]
    public void Import_UnreadableOrHostileFile_FailsWithLineAndNoJob(string fixture, string reason, int line)
    {
        var plan = Import(fixture);

        AssertFailsWith(plan, reason, line);
        Assert.Null(plan.Job);
        Assert.Null(plan.Settings);
    }

    [Fact]
    public void Import_Xxe_NeverReadsTheReferencedFile()
    {
        var plan = Import("hostile-xxe.xml");

        Assert.DoesNotContain("root:", plan.Report.ToString());
    }

    [Fact]
    public async Task ImportFileAsync_HugeFile_IsRefusedBeforeReading()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("huge.xml");
        await using (var stream = File.Create(path))
        {
            stream.SetLength(ConfxmlReader.DefaultMaxBytes + 1);
        }

        var plan = await new ConfxmlImporter().ImportFileAsync(path);

        Assert.False(plan.CanImport);
        Assert.Contains("limit", Assert.Single(plan.Report.Errors).Message);
    }

    [Fact]
    public async Task ImportFileAsync_MissingFile_FailsNamingIt()
    {
        var plan = await new ConfxmlImporter().ImportFileAsync("/nonexistent/confxml.xml");

        Assert.Contains("/nonexistent/confxml.xml", Assert.Single(plan.Report.Errors).Message);
    }

    [Fact]
    public void Import_RemotesWithoutIpOrName_FailWithTheirLines()
    {
        var plan = Import("remote-without-ip.xml");

        Assert.False(plan.CanImport);
        Assert.Equal([5, 6, 7], plan.Report.Errors.Select(e => e.Line!.Value));
        Assert.Contains("no ip", plan.Report.Errors.First().Message);
        Assert.Contains("has no name", plan.Report.Errors.Last().Message);
    }

    [Fact]
    public void Import_NoLocalpath_Fails() => AssertFailsWith(Import("no-localpath.xml"), "You must specify the watch localpath", 3);

    [Fact]
    public void Import_NoRemote_Fails() => AssertFailsWith(Import("no-remote.xml"), "has no <remote", 4);

    [Fact]
    public void Import_RelativeWatchPath_Fails() => AssertFailsWith(Import("watch-relative.xml"), "\"srv/www\" is not absolute", 24);

    [Fact]
    public void Import_WatchPathMissingOnThisMachine_FailsWhenTheCheckIsReal()
    {
        var plan = new ConfxmlImporter().Import(ConfxmlFixtures.Bytes("full-default.xml"));

        AssertFailsWith(plan, "\"/srv/www\" does not exist on this machine", 24);
    }

    [Fact]
    public void Import_WatchPathThatExists_PassesTheRealCheck()
    {
        using var dir = new TempDirectory();
        var xml = ConfxmlFixtures.Text("full-default.xml").Replace("watch=\"/srv/www/\">\n\t    <remote", $"watch=\"{dir.Path}/\">\n\t    <remote");

        var plan = new ConfxmlImporter().Import(Encoding.UTF8.GetBytes(xml));

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Equal(dir.Path, plan.Job!.WatchPath);
    }

    [Fact]
    public void Import_BadFilterRegex_FailsWithTheRegexAndItsLine()
    {
        var error = AssertFailsWith(Import("filter-bad-regex.xml"), "invalid regex \"(.*\\.log\"", 6);

        Assert.Contains("filter/exclude", error.Message);
    }

    [Fact]
    public void Import_BadRegexWhileFilterIsOff_IsOnlyAWarning()
    {
        var xml = ConfxmlFixtures.Text("filter-bad-regex.xml").Replace("<filter start=\"true\">", "<filter start=\"false\">");

        var plan = ConfxmlImporterTests.ImportText(xml);

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Contains(plan.Report.Warnings, w => w.Message.Contains("invalid regex") && w.Line == 6);
    }

    [Fact]
    public void Import_InvalidPortWhilePortIsOn_Fails() => AssertFailsWith(Import("port-invalid.xml"), "port=\"rsync\" is not a port number", 31);

    [Fact]
    public void Import_NonAsciiHostAndModuleWithSpace_FailNamingThem()
    {
        var plan = Import("remote-bad-host.xml");

        AssertFailsWith(plan, "remote ip \"备份服务器\" is not a host name", 25);
        AssertFailsWith(plan, "remote name \"my module\" contains whitespace", 26);
    }

    [Fact]
    public void Import_ScriptPlaceholders_FailNamingEachPlaceholder()
    {
        var plan = Import("placeholder-script.xml");

        AssertFailsWith(plan, "\"{REMOTE_HOST}\" in sersync/localpath/remote@ip", 5);
        AssertFailsWith(plan, "\"${MODULE_NAME}\" in sersync/localpath/remote@name", 5);
        AssertFailsWith(plan, "\"{RSYNC_USER}\" in sersync/rsync/auth@users", 9);
        Assert.Equal(3, plan.Report.Errors.Count()); // no follow-up noise such as "not a host name"
    }

    [Fact]
    public void Import_JinjaTemplate_FailsNamingTheTemplateSyntax()
    {
        var plan = Import("placeholder-jinja.xml");

        AssertFailsWith(plan, "\"{{ sync_dir }}\" in sersync/localpath@watch", 4);
        AssertFailsWith(plan, "\"{{ host }}\" in sersync/localpath/remote@ip", 6);
        AssertFailsWith(plan, "template syntax \"{% for host in groups['backup'] %}\"", 5);
        Assert.Null(plan.Job);
    }

    [Fact]
    public void Import_HugeInMemoryContent_IsRefused()
    {
        var plan = new ConfxmlImporter(new ConfxmlImportOptions { MaxBytes = 4096 })
            .Import(Encoding.UTF8.GetBytes("<head>" + new string(' ', 5000) + "</head>"));

        Assert.False(plan.CanImport);
        Assert.Contains("4096-byte limit", Assert.Single(plan.Report.Errors).Message);
    }
}
