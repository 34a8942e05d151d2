using System.Text;

namespace SyncConsole.Web.Import;

/// <summary>Finds the first line of a confxml.xml that mentions a name, for errors found after parsing.</summary>
internal sealed class SourceLines(ReadOnlySpan<byte> content)
{
    private readonly string[] lines = Encoding.UTF8.GetString(content).Split('\n');

    public int? Find(string needle)
    {
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains(needle, StringComparison.OrdinalIgnoreCase)) return i + 1;
        return null;
    }
}
