using System.Text;
using SyncConsole.Engine.Legacy;

namespace SyncConsole.Engine.Tests.Legacy;

public class ConfxmlReaderTests
{
    private const string Chinese = "同步目录";

    private static string Minimal(string declaration, string watch) =>
        $"""
        <?xml version="1.0" encoding="{declaration}"?>
        <head version="2.5">
            <sersync>
                <localpath watch="{watch}">
                    <remote ip="127.0.0.1" name="m"/>
                </localpath>
            </sersync>
        </head>
        """;

    private static string Watch(System.Xml.Linq.XDocument doc) =>
        doc.Descendants("localpath").Single().Attribute("watch")!.Value;

    [Fact]
    public void Read_Iso88591DeclarationOverUtf8Bytes_DecodesAsUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Minimal("ISO-8859-1", "/data/" + Chinese));

        Assert.Equal("/data/" + Chinese, Watch(ConfxmlReader.Read(bytes)));
    }

    [Fact]
    public void Read_Utf8BomWithIso88591Declaration_DecodesAsUtf8()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Minimal("ISO-8859-1", "/data/" + Chinese))).ToArray();

        Assert.Equal("/data/" + Chinese, Watch(ConfxmlReader.Read(bytes)));
    }

    [Fact]
    public void Read_InvalidUtf8UnderIsoDeclaration_FallsBackToLatin1()
    {
        var bytes = Encoding.Latin1.GetBytes(Minimal("ISO-8859-1", "/data/caf\u00e9"));

        Assert.Equal("/data/caf\u00e9", Watch(ConfxmlReader.Read(bytes)));
    }

    [Fact]
    public void Read_Gb2312BytesThatAreNotUtf8_DecodesWithTheDeclaredChineseEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Minimal("GB2312", "/data/" + Chinese));

        Assert.Equal("/data/" + Chinese, Watch(ConfxmlReader.Read(bytes)));
    }

    [Fact]
    public void Read_ElementWithLineInfo_KeepsLineNumbers()
    {
        var doc = ConfxmlReader.Read(Encoding.UTF8.GetBytes(Minimal("UTF-8", "/x")));

        Assert.Equal(4, ConfxmlReader.LineOf(doc.Descendants("localpath").Single()));
    }

    [Theory]
    [InlineData("hostile-xxe.xml", 2)]
    [InlineData("hostile-billion-laughs.xml", 2)]
    [InlineData("hostile-parameter-entity.xml", 2)]
    public void Read_DocumentWithDoctype_FailsNamingTheDtdAndLine(string fixture, int line)
    {
        var ex = Assert.Throws<ConfxmlException>(() => ConfxmlReader.Read(ConfxmlFixtures.Bytes(fixture)));

        Assert.Contains("DOCTYPE", ex.Message);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Read_FileOverTheSizeCap_FailsBeforeParsing()
    {
        var huge = Encoding.UTF8.GetBytes("<head>" + new string(' ', ConfxmlReader.DefaultMaxBytes) + "</head>");

        var ex = Assert.Throws<ConfxmlException>(() => ConfxmlReader.Read(huge));

        Assert.Contains("limit", ex.Message);
    }

    [Fact]
    public void Read_DeeplyNestedElements_FailsWithTheDepthAndLine()
    {
        var depth = 50_000;
        var xml = "<head>\n" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</head>";

        var ex = Assert.Throws<ConfxmlException>(() => ConfxmlReader.Read(Encoding.UTF8.GetBytes(xml)));

        Assert.Contains("nested", ex.Message);
        Assert.Equal(2, ex.Line);
    }

    [Theory]
    [InlineData("broken-not-xml.xml", 1)]
    [InlineData("broken-unclosed.xml", 7)]
    [InlineData("broken-shell-echo.xml", 1)]
    public void Read_MalformedXml_FailsWithTheParserLine(string fixture, int line)
    {
        var ex = Assert.Throws<ConfxmlException>(() => ConfxmlReader.Read(ConfxmlFixtures.Bytes(fixture)));

        Assert.StartsWith("not well-formed XML", ex.Reason);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Read_WrongRootElement_FailsNamingTheRoot()
    {
        var ex = Assert.Throws<ConfxmlException>(() => ConfxmlReader.Read(ConfxmlFixtures.Bytes("broken-wrong-root.xml")));

        Assert.Contains("<config>", ex.Message);
        Assert.Contains("<head>", ex.Message);
        Assert.Equal(2, ex.Line);
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x3C, 0x00 }, "UTF-16")]
    public void Read_EmptyOrUtf16_FailsClearly(byte[] bytes, string expected)
    {
        var ex = Assert.Throws<ConfxmlException>(() => ConfxmlReader.Read(bytes));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Read_UpperCaseRoot_IsAcceptedLikeSersync()
    {
        var doc = ConfxmlReader.Read(Encoding.UTF8.GetBytes("<HEAD><Debug start=\"true\"/></HEAD>"));

        Assert.Equal("HEAD", doc.Root!.Name.LocalName);
    }
}
