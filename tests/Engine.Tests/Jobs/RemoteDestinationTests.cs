using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Tests.Jobs;

/// <summary>The destination folder rules: what a folder may be, and when two links overlap (issue #13).</summary>
public class RemoteDestinationTests
{
    private static readonly RemoteDefinition Daemon = new() { Id = 1, Name = "web", Host = "10.0.0.5", ModuleOrPath = "www", User = "sync" };
    private static readonly RemoteDefinition Ssh = new() { Id = 2, Name = "offsite", Host = "backup.example", Transport = RemoteTransport.Ssh, ModuleOrPath = "/srv/backup" };

    private static RemoteDefinition At(RemoteDefinition remote, string destination) => remote with { Destination = destination };

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("  site/a/  ", "site/a")]
    [InlineData("a//", "a")]
    public void Normalise_TrimsBlanksAndTrailingSlashes(string? given, string expected) =>
        Assert.Equal(expected, RemoteDestination.Normalise(given));

    [Theory]
    [InlineData("")]
    [InlineData("site-a")]
    [InlineData("sites/a b/ünï.cödé")]
    public void Problem_AcceptsRelativeCleanFolders(string destination) => Assert.Null(RemoteDestination.Problem(destination));

    [Theory]
    [InlineData("/abs", "relative")]
    [InlineData("..", "normalised")]
    [InlineData("a/../b", "normalised")]
    [InlineData("./a", "normalised")]
    [InlineData("a//b", "normalised")]
    [InlineData("a\nb", "control")]
    [InlineData("a\0b", "control")]
    [InlineData("it's", "quotes")]
    [InlineData("say \"x\"", "quotes")]
    [InlineData("a`id`", "quotes")]
    [InlineData("a\\b", "backslashes")]
    public void Problem_RefusesWhatIsNotACleanRelativeFolder(string destination, string why) =>
        Assert.Contains(why, RemoteDestination.Problem(destination));

    [Fact]
    public void Problem_RefusesOverlongFolders() => Assert.Contains("at most", RemoteDestination.Problem(new string('a', RemoteDestination.MaxLength + 1)));

    [Theory]
    [InlineData("", "", true)]       // both at the root
    [InlineData("", "b", true)]      // the root contains every folder
    [InlineData("a", "a", true)]
    [InlineData("a", "a/b", true)]   // one inside the other
    [InlineData("a/b", "a", true)]
    [InlineData("a", "b", false)]
    [InlineData("a", "ab", false)]   // a prefix of the name is not a parent folder
    [InlineData("a/b", "a/c", false)]
    public void Overlaps_OnOneModule_WhenOneFolderIsEqualToOrInsideTheOther(string x, string y, bool expected)
    {
        Assert.Equal(expected, RemoteDestination.Overlaps(At(Daemon, x), At(Daemon, y)));
        Assert.Equal(expected, RemoteDestination.Overlaps(At(Daemon, y), At(Daemon, x)));
    }

    [Fact]
    public void Overlaps_ComparesTheEndpoint_NotTheRemoteRow()
    {
        // Another row, another name, user and password, another case in the host name, the default port spelt out.
        var sameEndpoint = Daemon with { Id = 9, Name = "copy", User = "other", Password = "x", Host = "10.0.0.5 ", Port = 873 };
        Assert.True(RemoteDestination.Overlaps(At(Daemon, "a"), At(sameEndpoint, "a/b")));
        Assert.True(RemoteDestination.Overlaps(Ssh with { Host = "BACKUP.example" }, Ssh with { Port = 22, Destination = "x" }));

        Assert.False(RemoteDestination.Overlaps(Daemon, Daemon with { Port = 8873 }));
        Assert.False(RemoteDestination.Overlaps(Daemon, Daemon with { Host = "10.0.0.6" }));
        Assert.False(RemoteDestination.Overlaps(Daemon, Daemon with { ModuleOrPath = "logs" }));
        Assert.False(RemoteDestination.Overlaps(Daemon, Daemon with { Transport = RemoteTransport.Ssh }));
    }

    [Theory]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("127.0.0.1", "::1")]
    [InlineData("LOCALHOST.", "[::1]")]
    [InlineData("127.0.0.1", "127.0.1.1")]
    [InlineData("::ffff:10.0.0.5", "10.0.0.5")]
    public void Overlaps_WhenTwoHostNamesReachTheSameMachine(string one, string other)
    {
        // A second remote row for the same daemon under another name must not let a job at its root wipe the first.
        Assert.True(RemoteDestination.Overlaps(At(Daemon with { Host = one }, "a"), Daemon with { Host = other }));
        Assert.False(RemoteDestination.Overlaps(Daemon with { Host = one }, Daemon with { Host = "10.0.0.6" }));
    }

    [Fact]
    public void Overlaps_ForSsh_JoinsThePathAndTheFolder()
    {
        var deeper = Ssh with { ModuleOrPath = "/srv/backup/www/" };
        Assert.True(RemoteDestination.Overlaps(At(Ssh, "www"), deeper));
        Assert.True(RemoteDestination.Overlaps(Ssh, At(deeper, "x")));
        Assert.False(RemoteDestination.Overlaps(At(Ssh, "logs"), deeper));
        Assert.True(RemoteDestination.IsSameFolder(At(Ssh, "www"), deeper));
        Assert.False(RemoteDestination.IsSameFolder(Ssh, deeper));
        // A relative ssh path is under the user's home: never the same as an absolute one.
        Assert.False(RemoteDestination.Overlaps(Ssh with { ModuleOrPath = "srv/backup" }, Ssh));
    }

    [Theory]
    [InlineData("site-b", "site-b")]
    [InlineData("Web site (new)", "Web-site--new")]
    [InlineData("../..", "job")]
    public void Suggest_MakesTheJobNameOneSafeFolder(string name, string expected)
    {
        Assert.Equal(expected, RemoteDestination.Suggest(name));
        Assert.Null(RemoteDestination.Problem(RemoteDestination.Suggest(name)));
    }
}
