using System.Text;

namespace SyncConsole.Engine.Rsync;

/// <summary>Formats an argument list as a copy-pasteable shell command line, for display only.</summary>
public static class RsyncCommandLine
{
    public static string Format(IEnumerable<string> arguments, string program = "rsync")
    {
        var sb = new StringBuilder(program);
        foreach (var a in arguments) sb.Append(' ').Append(Quote(a));
        return sb.ToString();
    }

    public static string Quote(string arg)
    {
        if (arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_=+./:@,%".Contains(c))) return arg;
        return "'" + arg.Replace("'", "'\\''") + "'";
    }
}
