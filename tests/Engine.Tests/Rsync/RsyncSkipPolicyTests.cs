using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Tests.Rsync;

public class RsyncSkipPolicyTests
{
    [Theory]
    [InlineData("-artuz", "-artz", "-u")]
    [InlineData("-u", "", "-u")]
    [InlineData("-az --update --delete", "-az --delete", "-u")]
    [InlineData("-az --ignore-existing --size-only", "-az", "--ignore-existing --size-only")]
    [InlineData("-az --max-size=10M --min-size 1", "-az", "--max-size --min-size")]
    [InlineData("-az --existing -I", "-az", "--existing -I")]
    [InlineData("-artz --bwlimit=100", "-artz --bwlimit=100", "")]
    // The 'u' after -T is part of the temp folder's name, not a flag.
    [InlineData("-azT/tmp/up", "-azT/tmp/up", "")]
    public void Strip_RemovesOptionsThatSkipDifferingFiles(string given, string expected, string removed)
    {
        var (options, found) = RsyncSkipPolicy.Strip(RsyncArgumentTokenizer.Split(given));

        Assert.Equal(expected, string.Join(' ', options));
        Assert.Equal(removed, string.Join(' ', found));
    }
}
