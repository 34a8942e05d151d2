using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Paths;

public class RelativePathsTests
{
    [Theory]
    [InlineData("a/b", "a", true)]
    [InlineData("a/b/c", "a", true)]
    [InlineData("a", "a", false)]
    [InlineData("ab/c", "a", false)]
    [InlineData("a0", "a", false)]
    [InlineData("a/", "a", false)]
    [InlineData("a", "a/b", false)]
    public void IsBelow_OnlyStrictlyInsideTheFolder(string path, string folder, bool expected) =>
        Assert.Equal(expected, RelativePaths.IsBelow(path, folder));

    [Theory]
    [InlineData("a", "a", true)]
    [InlineData("a", "a/b", true)]
    [InlineData("a/b", "a", true)]
    [InlineData("a", "ab", false)]
    [InlineData("a/b", "a/c", false)]
    public void Overlap_SameOrNested(string a, string b, bool expected) =>
        Assert.Equal(expected, RelativePaths.Overlap(a, b));

    [Fact]
    public void Ancestors_NearestFirstEndingWithTheRoot() =>
        Assert.Equal(["a/b", "a", ""], RelativePaths.Ancestors("a/b/c"));
}
