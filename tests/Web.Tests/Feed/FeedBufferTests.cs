using SyncConsole.Engine.Events;
using SyncConsole.Web.Feed;

namespace SyncConsole.Web.Tests.Feed;

public sealed class FeedBufferTests
{
    private static EngineEventBatch Batch(params EngineEvent[] events) => new() { Events = events };

    [Fact]
    public void Add_MoreThanCapacity_KeepsTheNewestFirst()
    {
        var buffer = new FeedBuffer(capacity: 500);
        for (var i = 0; i < 1200; i++) buffer.Add(Batch(new EngineEvent { Id = i, Kind = EngineEventKind.FileChanged }));

        var visible = buffer.Visible().ToList();

        Assert.Equal(500, visible.Count);
        Assert.Equal(1199, visible[0].Id);
        Assert.Equal(700, visible[^1].Id);
    }

    [Fact]
    public void Visible_JobKindAndTextFilters_AllApply()
    {
        var buffer = new FeedBuffer();
        buffer.Add(Batch(
            new EngineEvent { Id = 1, Kind = EngineEventKind.FileChanged, JobId = 1, Path = "docs/Report.pdf" },
            new EngineEvent { Id = 2, Kind = EngineEventKind.FileChanged, JobId = 2, Path = "docs/report.txt" },
            new EngineEvent { Id = 3, Kind = EngineEventKind.RsyncFailed, JobId = 1, Message = "report upload failed" },
            new EngineEvent { Id = 4, Kind = EngineEventKind.FileChanged, JobId = 1, Path = "img/logo.png" }));

        buffer.JobFilter = 1;
        buffer.TextFilter = "REPORT";
        Assert.Equal([3L, 1L], buffer.Visible().Select(e => e.Id));

        buffer.KindFilter = EngineEventKind.FileChanged;
        Assert.Equal([1L], buffer.Visible().Select(e => e.Id));
    }

    [Fact]
    public void Add_WhilePaused_DoesNotMoveTheListButCountsAndResumeContinues()
    {
        var buffer = new FeedBuffer();
        buffer.Add(Batch(new EngineEvent { Id = 1, Kind = EngineEventKind.JobWarning }));
        buffer.Pause();

        buffer.Add(new EngineEventBatch
        {
            Events = [new EngineEvent { Id = 2, Kind = EngineEventKind.FileChanged }],
            Folded = new Dictionary<string, int> { ["fileChanged"] = 40 },
        });

        Assert.Equal([1L], buffer.Visible().Select(e => e.Id));
        Assert.Equal(41, buffer.MissedWhilePaused);
        Assert.Equal(40, buffer.Folded);
        buffer.Resume();
        buffer.Add(Batch(new EngineEvent { Id = 3, Kind = EngineEventKind.JobWarning }));
        Assert.Equal([3L, 1L], buffer.Visible().Select(e => e.Id));
        Assert.Equal(0, buffer.MissedWhilePaused);
    }
}
