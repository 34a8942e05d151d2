using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Rsync;

/// <summary>Every command line of a job with a destination folder targets module/folder, and creates it when missing.</summary>
public class DestinationCommandTests
{
    private static readonly JobDefinition Job = new() { Id = 1, Name = "web", WatchPath = "/srv/www" };
    private static readonly RemoteDefinition Daemon = new() { Id = 2, Name = "mirror", Host = "10.0.0.5", ModuleOrPath = "www", User = "sync", Destination = "sites/a" };
    private static readonly RemoteDefinition Ssh = new()
    {
        Id = 3, Name = "offsite", Host = "10.0.0.6", Transport = RemoteTransport.Ssh, ModuleOrPath = "/srv/backup/", User = "sync", Destination = "sites/a",
    };

    public static TheoryData<string> Kinds => ["batch", "filtered delete", "full sync", "make identical", "verify", "deep verify"];

    private static RsyncInvocation Build(string kind, RemoteDefinition remote) => kind switch
    {
        "batch" => RsyncCommandBuilder.BuildBatch(Job, remote, [new ChangedPath("x.txt", false)]),
        "filtered delete" => RsyncCommandBuilder.BuildFilteredDelete(Job, remote, ["gone"]),
        "full sync" => RsyncCommandBuilder.BuildFullSync(Job, remote),
        "make identical" => RsyncCommandBuilder.BuildFullSync(Job, remote, overwriteNewer: true),
        "verify" => RsyncCommandBuilder.BuildVerify(Job, remote),
        "deep verify" => RsyncCommandBuilder.BuildVerify(Job, remote, deep: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKind_TargetsTheFolder(string kind)
    {
        Assert.Equal("sync@10.0.0.5::www/sites/a", Build(kind, Daemon).Arguments[^1]);
        Assert.Equal("sync@10.0.0.6:/srv/backup/sites/a", Build(kind, Ssh).Arguments[^1]);
        // At the root, the command is sersync's, unchanged.
        var root = Build(kind, Daemon with { Destination = "" });
        Assert.Equal("sync@10.0.0.5::www", root.Arguments[^1]);
        Assert.DoesNotContain("--mkpath", root.Arguments);
    }

    [Theory]
    [InlineData("batch")]
    [InlineData("filtered delete")]
    [InlineData("full sync")]
    [InlineData("make identical")]
    public void Deliveries_CreateAMissingFolderAndItsParents(string kind) => Assert.Contains("--mkpath", Build(kind, Daemon).Arguments);

    [Fact]
    public void FolderMove_IsRelativeToTheFolder()
    {
        var move = RsyncCommandBuilder.BuildFolderMove(Job with { DeleteEnabled = true }, Daemon, "old/dir", "new");
        Assert.Equal("sync@10.0.0.5::www/sites/a/new/", move.Arguments[^1]);
        // From www/sites/a/new up one to www/sites/a, then down: the basis stays inside the job's folder.
        Assert.Contains("--link-dest=../old/dir", move.Arguments);
        Assert.Contains("--mkpath", move.Arguments);
    }

    [Fact]
    public void Probe_ListsTheModuleItself_WhereTheFolderMayNotExistYet() =>
        Assert.Equal("sync@10.0.0.5::www/", RsyncCommandBuilder.BuildProbe(Daemon).Arguments[^1]);

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData("a/")]
    [InlineData("it's")]
    public void ABadFolder_IsRefusedByTheBuilder_EvenIfItGotPastTheApi(string destination) =>
        Assert.Throws<RsyncConfigurationException>(() => RsyncCommandBuilder.BuildFullSync(Job, Daemon with { Destination = destination }));
}
