using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Rsync;

public class RsyncOutputParserTests
{
    [Fact]
    public void StatsParser_ReadsBytesAndFiles_WithGroupingOrSuffixes()
    {
        var plain = RsyncStatsParser.Parse("Number of regular files transferred: 3\nTotal file size: 1,234,567 bytes\nTotal bytes sent: 405\nTotal bytes received: 115\n");
        Assert.Equal(new RsyncStats(405, 115, 3, 1_234_567), plain);
        var human = RsyncStatsParser.Parse("Total bytes sent: 1.50K\n");
        Assert.Equal(1536, human.BytesSent);
        Assert.Equal(RsyncStats.Empty, RsyncStatsParser.Parse("nothing here"));
    }

    [Fact]
    public void StatsParser_CreatedAndDeleted_CountEveryKind()
    {
        var stats = RsyncStatsParser.Parse("Number of files: 9 (reg: 7, dir: 2)\nNumber of created files: 3 (reg: 2, dir: 1)\nNumber of deleted files: 1 (reg: 1)\nNumber of regular files transferred: 4\n");

        Assert.Equal((3, 1, 4), (stats.Created, stats.Deleted, stats.FilesTransferred));
    }

    [Fact]
    public void ErrorPaths_PartialTransfer_FindsNamedPathsAndMatchesEntries()
    {
        const string stderr = """
            rsync: [sender] send_files failed to open "/srv/www/a/secret.txt": Permission denied (13)
            rsync: [receiver] mkstemp "/b/.new file.AbC123" (in backup) failed: Permission denied (13)
            rsync: [sender] opendir "/srv/www/d\#012ir" failed: Permission denied (13)
            rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1338) [sender=3.5.0]
            """;
        var paths = RsyncErrorPaths.Parse(stderr, "/srv/www");
        Assert.Equal(["a/secret.txt", "b/new file", "d\nir"], paths);

        ChangedPath[] batch = [new("a", true), new("b/new file", false), new("c", false), new("d\nir/x", false)];
        Assert.Equal([batch[0], batch[1], batch[3]], RsyncErrorPaths.Match(batch, paths));
    }
}
