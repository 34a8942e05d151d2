using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Tests.Rsync;

public class FolderMoveCommandTests
{
    private static readonly JobDefinition Job = new() { Id = 1, Name = "web", WatchPath = "/srv/www", RsyncParams = "-artuz" };
    private static readonly RemoteDefinition Daemon = new()
    {
        Id = 1, Name = "d", Host = "10.0.0.5", Transport = RemoteTransport.Daemon, ModuleOrPath = "backup", User = "u", Password = "secret",
    };

    [Fact]
    public void BasisIsRelativeToTheNewFolderOnTheRemote()
    {
        var inv = RsyncCommandBuilder.BuildFolderMove(Job, Daemon, "old/a", "x/y/b");
        Assert.Contains("--link-dest=../../../old/a", inv.Options);
        Assert.Contains("--checksum", inv.Options);
        Assert.Equal(["./x/y/b/", "u@10.0.0.5::backup/x/y/b/"], inv.Operands);
        Assert.DoesNotContain(inv.Arguments, a => a.Contains("secret"));
    }

    [Theory]
    [InlineData(false, "-artuz")]
    [InlineData(true, "-artuz --inplace")]
    public void WithoutDeleteOrWithInPlaceWrites_TheOldCopyIsCopiedNotLinked(bool delete, string rsyncParams)
    {
        var inv = RsyncCommandBuilder.BuildFolderMove(Job with { DeleteEnabled = delete, RsyncParams = rsyncParams }, Daemon, "a", "b");
        Assert.Contains("--copy-dest=../a", inv.Options);
        Assert.DoesNotContain(inv.Options, o => o.StartsWith("--link-dest", StringComparison.Ordinal));
    }

    [Fact]
    public void FolderMove_ExcludedPathsUnderTheNewFolder_AreAnchoredAtIt()
    {
        var inv = RsyncCommandBuilder.BuildFolderMove(Job, Daemon, "a", "x/b", ["x/b/cache/tmp.bin", "elsewhere/y"]);
        Assert.Equal("- /cache/tmp.bin\0", System.Text.Encoding.UTF8.GetString(inv.FilterRules!));
    }

    [Theory]
    // moved into another folder, same name: the old folder is the basis
    [InlineData("a/f.bin", "x/y/f.bin", "--link-dest=../../a", 0)]
    // renamed in its folder: rsync's fuzzy match finds the old file beside the new one
    [InlineData("a/f.bin", "a/g.bin", null, 1)]
    // moved and renamed: fuzzy twice also searches the basis folder
    [InlineData("a/f.bin", "x/g.bin", "--link-dest=../a", 2)]
    // from the root into a folder, and back up
    [InlineData("f.bin", "x/f.bin", "--link-dest=..", 0)]
    [InlineData("x/f.bin", "f.bin", "--link-dest=x", 0)]
    public void FileMove_BasisIsTheOldFolderSeenFromTheNewOne(string from, string to, string? basis, int fuzzy)
    {
        var inv = RsyncCommandBuilder.BuildFileMove(Job with { DeleteEnabled = true }, Daemon, from, to);
        Assert.Equal(basis, inv.Options.SingleOrDefault(o => o.StartsWith("--link-dest=", StringComparison.Ordinal)));
        Assert.Equal(fuzzy, inv.Options.Count(o => o == "--fuzzy"));
        Assert.Contains("--checksum", inv.Options);
        Assert.DoesNotContain("--delete", inv.Options);
        var folder = to.Contains('/') ? to[..to.LastIndexOf('/')] + "/" : "";
        Assert.Equal(["./" + to, "u@10.0.0.5::backup/" + folder], inv.Operands);
    }

    [Theory]
    [InlineData("a", "a/b")]
    [InlineData("a/b", "a")]
    [InlineData("", "b")]
    [InlineData("a", "a")]
    public void NotAMoveBetweenSeparateFolders_IsRejected(string from, string to) =>
        Assert.Throws<ArgumentException>(() => RsyncCommandBuilder.BuildFolderMove(Job, Daemon, from, to));
}
