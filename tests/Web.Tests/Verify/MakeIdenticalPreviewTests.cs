using SyncConsole.Engine.Rsync;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Verify;

namespace SyncConsole.Web.Tests.Verify;

public class MakeIdenticalPreviewTests
{
    private static VerifyResultResponse Result(string remote, params RsyncDifference[] differences) => new()
    {
        RemoteId = 1, RemoteName = remote, VerifiedAt = DateTimeOffset.UnixEpoch, Completed = true,
        DifferenceCount = differences.Length, Differences = differences,
        KeptByJobOptions = differences.Count(d => d.KeptByJobOption is not null),
    };

    [Fact]
    public void Describe_CountsOverwritesCreatesAndDeletes_NamingWhatTheJobKeeps()
    {
        var preview = MakeIdenticalPreview.From([Result("backup",
            new RsyncDifference("a.txt", DifferenceKind.SizeDiffers, false, ">f.st......") { KeptByJobOption = "-u" },
            new RsyncDifference("b.txt", DifferenceKind.ContentDiffers, false, ">fc........"),
            new RsyncDifference("new", DifferenceKind.MissingOnRemote, true, "cd+++++++++"),
            new RsyncDifference("stray.txt", DifferenceKind.ExtraOnRemote, false, "*deleting  "))], deleteEnabled: true);

        Assert.True(preview.CanProceed);
        Assert.Equal("backup: overwrites 2 remote file(s) (1 of them kept by the job's own options, e.g. newer with -u), creates 1 and deletes 1 remote-only path(s).", preview.Describe());
    }

    [Fact]
    public void From_WithDeleteOff_DeletesNothing_AndAnIncompleteComparisonBlocks()
    {
        var noDelete = MakeIdenticalPreview.From([Result("r", new RsyncDifference("stray.txt", DifferenceKind.ExtraOnRemote, false, "*deleting  "))], deleteEnabled: false);
        Assert.True(noDelete.NothingToDo);

        var failed = MakeIdenticalPreview.From([new VerifyResultResponse { RemoteId = 2, RemoteName = "down", VerifiedAt = DateTimeOffset.UnixEpoch, Completed = false, Error = "connection refused" }], true);
        Assert.False(failed.CanProceed);
        Assert.Contains("down: could not be compared (connection refused)", failed.Describe());
    }
}
