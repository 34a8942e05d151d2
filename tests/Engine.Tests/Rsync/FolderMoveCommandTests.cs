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

    [Theory]
    [InlineData("a", "a/b")]
    [InlineData("a/b", "a")]
    [InlineData("", "b")]
    [InlineData("a", "a")]
    public void NotAMoveBetweenSeparateFolders_IsRejected(string from, string to) =>
        Assert.Throws<ArgumentException>(() => RsyncCommandBuilder.BuildFolderMove(Job, Daemon, from, to));
}
