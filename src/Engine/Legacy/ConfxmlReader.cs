using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace SyncConsole.Engine.Legacy;

/// <summary>
/// Turns confxml.xml bytes into an <see cref="XDocument"/> with line info, the way files are found in the wild
/// and without trusting them: no DTD (so no external entities or entity expansion), a size cap and a depth cap.
/// </summary>
public static class ConfxmlReader
{
    /// <summary>Real confxml.xml files are 1-5 KiB; anything near this is not a sersync config.</summary>
    public const int DefaultMaxBytes = 1 << 20;

    /// <summary>sersync's tree is 5 levels deep; deep nesting is only useful to attack a parser.</summary>
    public const int MaxDepth = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Regex DeclaredEncoding = new(@"encoding\s*=\s*[""']([^""']+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    static ConfxmlReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static XDocument Read(ReadOnlySpan<byte> content, int maxBytes = DefaultMaxBytes)
    {
        if (content.Length > maxBytes)
            throw new ConfxmlException($"the file is {content.Length} bytes, over the {maxBytes}-byte limit; a sersync confxml.xml is a few KiB");
        if (content.Length == 0)
            throw new ConfxmlException("the file is empty");

        var text = Decode(content);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxBytes,
            // DTDs are prohibited, so only the five predefined entities exist; this caps them anyway.
            MaxCharactersFromEntities = 64 * 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };

        try
        {
            CheckDepth(text, settings);
            // Parsing from a string makes XmlReader ignore the declared encoding: the bytes were already decoded.
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            var root = document.Root ?? throw new ConfxmlException("the document has no root element");
            if (!root.Name.LocalName.Equals("head", StringComparison.OrdinalIgnoreCase))
                throw new ConfxmlException($"the root element is <{root.Name.LocalName}>, but sersync requires <head>", LineOf(root));
            return document;
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new ConfxmlException(
                "a DOCTYPE (DTD) is not allowed: sersync's files never have one, and DTDs carry external entities and entity expansion",
                ex.LineNumber > 0 ? ex.LineNumber : LineOfText(text, "<!DOCTYPE"), ex);
        }
        catch (XmlException ex)
        {
            throw new ConfxmlException($"not well-formed XML: {ex.Message}", ex.LineNumber > 0 ? ex.LineNumber : null, ex);
        }
    }

    public static int? LineOf(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    // sersync passes bytes through for ISO-8859-1 (and any unknown declaration), so real files declare
    // ISO-8859-1 over UTF-8 text: valid UTF-8 wins whatever the declaration says.
    private static string Decode(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw new ConfxmlException("the file is UTF-16, which sersync cannot read; save it as UTF-8");
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            content = content[3..];

        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            var head = Encoding.Latin1.GetString(content[..Math.Min(200, content.Length)]);
            var declared = DeclaredEncoding.Match(head) is { Success: true } m ? m.Groups[1].Value.Trim() : "";
            // The Chinese encodings sersync recognises; everything else was byte-per-char.
            var encoding = declared.ToUpperInvariant() switch
            {
                "GB2312" or "GBK" or "GB18030" => Encoding.GetEncoding("GB18030"),
                "BIG5" => Encoding.GetEncoding("big5"),
                "SHIFT_JIS" or "SHIFT-JIS" or "SJIS" => Encoding.GetEncoding("shift_jis"),
                _ => Encoding.Latin1,
            };
            return encoding.GetString(content);
        }
    }

    private static int? LineOfText(string text, string needle)
    {
        var at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : 1 + text.AsSpan(0, at).Count('\n');
    }

    private static void CheckDepth(string text, XmlReaderSettings settings)
    {
        using var reader = XmlReader.Create(new StringReader(text), settings);
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
                throw new ConfxmlException($"elements are nested more than {MaxDepth} levels deep; sersync's tree has 5",
                    ((IXmlLineInfo)reader).LineNumber);
        }
    }
}
