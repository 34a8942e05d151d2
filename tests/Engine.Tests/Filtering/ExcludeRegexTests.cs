using SyncConsole.Engine.Filtering;

namespace SyncConsole.Engine.Tests.Filtering;

public class ExcludeRegexTests
{
    [Theory]
    [InlineData(@"(.*)\.svn")]
    [InlineData(@"^info/*")]
    [InlineData(@"\.(jpg|png)$")]
    public void TryValidate_SersyncDefaults_Accepted(string pattern)
    {
        Assert.True(ExcludeRegex.TryValidate(pattern, out var error));
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("(unclosed", "(unclosed")]
    [InlineData("[z-a]", "[z-a]")]
    [InlineData("*.php", "*.php")] // a glob pasted where a regex belongs
    public void TryValidate_BadRegex_RejectedWithTheRegexError(string pattern, string shown)
    {
        Assert.False(ExcludeRegex.TryValidate(pattern, out var error));
        Assert.Contains(shown, error);
        Assert.StartsWith("Invalid exclude expression", error);
        var ex = Assert.Throws<ArgumentException>(() => ExcludeRegex.Create(pattern));
        Assert.Contains(shown, ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void TryValidate_Empty_Rejected(string? pattern)
    {
        Assert.False(ExcludeRegex.TryValidate(pattern, out var error));
        Assert.Contains("empty", error);
    }

    [Fact]
    public void IsMatch_Alternation_StillWholeString()
    {
        // Wrapping must group: "a|b" whole-matches "a" or "b", never "ab" or "xa".
        var regex = ExcludeRegex.Create("a|b");
        Assert.True(regex.IsMatch("a"));
        Assert.True(regex.IsMatch("b"));
        Assert.False(regex.IsMatch("ab"));
        Assert.False(regex.IsMatch("xa"));
    }

    [Fact]
    public void IsMatch_CatastrophicBacktracking_TimesOutAsNotExcluded()
    {
        var regex = ExcludeRegex.Create("(a+)+b");
        Assert.False(regex.IsMatch(new string('a', 5000) + "c"));
    }
}
