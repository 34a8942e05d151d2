using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Tests.Rsync;

public class RsyncItemizeParserTests
{
    [Fact]
    public void Parse_TypicalOutput_ClassifiesEachLine()
    {
        const string output = """
            .d..t...... ./
            *deleting   old dir/
            >f+++++++++ new file.txt
            cd+++++++++ new dir/
            >f.st...... grown.txt
            >f..t...... touched.txt
            >fc........ same size.txt
            .f...p..... mode.txt
            cL+++++++++ link -> target
            >f+++++++++ new\#012line
            .d..t...... sub/

            Number of files: 9
            Total bytes sent: 10
            """;
        var diffs = RsyncItemizeParser.Parse(output);
        Assert.Equal(
        [
            new RsyncDifference("old dir", DifferenceKind.ExtraOnRemote, true, "*deleting  "),
            new RsyncDifference("new file.txt", DifferenceKind.MissingOnRemote, false, ">f+++++++++"),
            new RsyncDifference("new dir", DifferenceKind.MissingOnRemote, true, "cd+++++++++"),
            new RsyncDifference("grown.txt", DifferenceKind.SizeDiffers, false, ">f.st......"),
            new RsyncDifference("touched.txt", DifferenceKind.TimeDiffers, false, ">f..t......"),
            new RsyncDifference("same size.txt", DifferenceKind.ContentDiffers, false, ">fc........"),
            new RsyncDifference("mode.txt", DifferenceKind.AttributesDiffer, false, ".f...p....."),
            new RsyncDifference("link", DifferenceKind.MissingOnRemote, false, "cL+++++++++"),
            new RsyncDifference("new\nline", DifferenceKind.MissingOnRemote, false, ">f+++++++++"),
            new RsyncDifference("sub", DifferenceKind.TimeDiffers, true, ".d..t......"),
        ], diffs);
    }
}
