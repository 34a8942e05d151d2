namespace SyncConsole.Engine.Legacy;

/// <summary>A confxml.xml that cannot be read at all (not XML, hostile, too big, wrong root).</summary>
public sealed class ConfxmlException(string message, int? line = null, Exception? inner = null)
    : Exception(line is null ? message : $"line {line}: {message}", inner)
{
    public string Reason { get; } = message;
    public int? Line { get; } = line;
}
