using SyncConsole.Engine.Events;
using SyncConsole.Web.Feed;

namespace SyncConsole.Web.Tests.Feed;

public sealed class EngineEventBatcherTests
{
    [Fact]
    public void Take_MoreFileEventsThanTheCap_KeepsCapFoldsRestAndKeepsEveryOtherEvent()
    {
        var batcher = new EngineEventBatcher(maxFileEvents: 10);
        for (var i = 0; i < 1000; i++)
        {
            batcher.Add(new EngineEvent { Kind = EngineEventKind.FileChanged, JobId = i % 2 == 0 ? 1 : 2, Path = $"f{i}" });
            if (i % 100 == 0) batcher.Add(new EngineEvent { Kind = EngineEventKind.RsyncFinished, JobId = 1 });
        }

        var (all, byJob) = batcher.Take(dropped: 3);

        Assert.Equal(10, all.Events.Count(e => e.Kind == EngineEventKind.FileChanged));
        Assert.Equal(10, all.Events.Count(e => e.Kind == EngineEventKind.RsyncFinished));
        Assert.Equal(990, all.Folded["fileChanged"]);
        Assert.Equal(3, all.Dropped);
        Assert.Equal(all.Folded["fileChanged"], byJob[1].Folded["fileChanged"] + byJob[2].Folded["fileChanged"]);
        Assert.All(byJob[2].Events, e => Assert.Equal(2, e.JobId));
        Assert.True(batcher.IsEmpty);
    }

    [Fact]
    public void Take_AfterATake_StartsAFreshBatchWithAFreshCap()
    {
        var batcher = new EngineEventBatcher(maxFileEvents: 1);
        batcher.Add(new EngineEvent { Kind = EngineEventKind.FileChanged, Path = "a" });
        batcher.Add(new EngineEvent { Kind = EngineEventKind.FileChanged, Path = "b" });
        batcher.Take();

        batcher.Add(new EngineEvent { Kind = EngineEventKind.FileChanged, Path = "c" });
        var (second, _) = batcher.Take();

        Assert.Equal("c", Assert.Single(second.Events).Path);
        Assert.Empty(second.Folded);
    }
}
