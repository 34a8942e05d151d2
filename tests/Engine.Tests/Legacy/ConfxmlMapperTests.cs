using SyncConsole.Engine.Legacy;

namespace SyncConsole.Engine.Tests.Legacy;

public class ConfxmlMapperTests
{
    [Theory]
    [InlineData("600", 600)]
    [InlineData("  42mins", 42)]
    [InlineData("+7", 7)]
    [InlineData("-5", -5)]
    [InlineData("abc", 0)]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    [InlineData("99999999999", int.MaxValue)]
    public void Atoi_LikeC_ParsesLeadingDigitsOnly(string? text, int expected) =>
        Assert.Equal(expected, ConfxmlMapper.Atoi(text));

    [Theory]
    [InlineData("/opt/tongbu/", "/opt/tongbu")]
    [InlineData("/opt/tongbu//", "/opt/tongbu/")] // sersync strips exactly one
    [InlineData("/opt/tongbu", "/opt/tongbu")]
    [InlineData("/", "/")]
    public void StripTrailingSlash_RemovesOneSlashLikeSersync(string watch, string expected) =>
        Assert.Equal(expected, ConfxmlMapper.StripTrailingSlash(watch));

    [Theory]
    [InlineData("[[:digit:]]+\\.log", "[:digit:]")]
    [InlineData("\\&lt;tmp\\&gt;", "\\<")] // escaped: the regex sits in an XML attribute
    public void Import_BoostOnlyRegexSyntax_IsWarned(string regex, string construct)
    {
        var xml = ConfxmlFixtures.Text("filter-and-crontab.xml").Replace("(.*)\\.svn", regex);

        var plan = ConfxmlImporterTests.ImportText(xml);

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Contains(plan.Report.Warnings, w => w.Line == 4 && w.Message.Contains($"uses \"{construct}\""));
    }

    [Fact]
    public void Import_RegexStartingWithSlash_WarnsAboutSersyncsLeadingSlashTarget()
    {
        var xml = ConfxmlFixtures.Text("filter-and-crontab.xml").Replace("(.*)\\.svn", "/static/.*");

        var plan = ConfxmlImporterTests.ImportText(xml);

        Assert.Contains(plan.Report.Warnings, w => w.Line == 4 && w.Message.Contains("starts with '/'"));
    }
}
