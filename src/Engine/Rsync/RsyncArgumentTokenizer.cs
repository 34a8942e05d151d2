using System.Text;

namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Splits user-written rsync options into arguments the way a POSIX shell would split words, but without a
/// shell: no expansion, no globbing, no command substitution. Single quotes are literal, double quotes allow
/// backslash escapes of <c>" \ $ `</c>, a backslash outside quotes escapes the next character.
/// </summary>
public static class RsyncArgumentTokenizer
{
    /// <exception cref="FormatException">An unterminated quote or a trailing backslash.</exception>
    public static IReadOnlyList<string> Split(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return result;

        var current = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\0') throw new FormatException("rsync options must not contain a NUL character.");
            if (char.IsWhiteSpace(c))
            {
                if (inWord) { result.Add(current.ToString()); current.Clear(); inWord = false; }
                continue;
            }
            inWord = true;
            switch (c)
            {
                case '\'':
                    var end = text.IndexOf('\'', i + 1);
                    if (end < 0) throw new FormatException($"Unterminated single quote at position {i + 1} in \"{text}\".");
                    current.Append(text, i + 1, end - i - 1);
                    i = end;
                    break;
                case '"':
                    i = ReadDoubleQuoted(text, i, current);
                    break;
                case '\\':
                    if (i + 1 >= text.Length) throw new FormatException($"Trailing backslash in \"{text}\".");
                    current.Append(text[++i]);
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }
        if (inWord) result.Add(current.ToString());
        return result;
    }

    private static int ReadDoubleQuoted(string text, int start, StringBuilder current)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"') return i;
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
            {
                current.Append(text[++i]);
                continue;
            }
            current.Append(c);
        }
        throw new FormatException($"Unterminated double quote at position {start + 1} in \"{text}\".");
    }
}
