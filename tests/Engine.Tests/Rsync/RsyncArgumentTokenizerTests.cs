using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Tests.Rsync;

public class RsyncArgumentTokenizerTests
{
    [Theory]
    [InlineData("-artuz", new[] { "-artuz" })]
    [InlineData("  -a   -v ", new[] { "-a", "-v" })]
    [InlineData("--exclude='a b' x", new[] { "--exclude=a b", "x" })]
    [InlineData("\"a \\\"q\\\" $x\"", new[] { "a \"q\" $x" })]
    [InlineData("a\\ b 'it''s'", new[] { "a b", "its" })]
    [InlineData("'$(rm -rf /)'", new[] { "$(rm -rf /)" })]
    public void Split_ShellLikeWords_WithoutExpansion(string text, string[] expected)
    {
        Assert.Equal(expected, RsyncArgumentTokenizer.Split(text));
    }

    [Theory]
    [InlineData("'open")]
    [InlineData("\"open")]
    [InlineData("trailing\\")]
    public void Split_Malformed_Throws(string text)
    {
        Assert.Throws<FormatException>(() => RsyncArgumentTokenizer.Split(text));
    }
}
