using SyncConsole.Engine.Events;

namespace SyncConsole.Engine.Tests.Events;

public class EngineEventStreamTests
{
    [Fact]
    public void Publish_AssignsIncreasingIds_AndRecentReturnsThoseAfterId()
    {
        var stream = new EngineEventStream(TimeProvider.System, capacity: 3);
        for (var i = 0; i < 5; i++) stream.Publish(new EngineEvent { Kind = EngineEventKind.FileChanged, Path = $"f{i}" });

        var recent = stream.Recent();
        Assert.Equal(["f2", "f3", "f4"], recent.Select(e => e.Path));
        Assert.Equal([3L, 4L, 5L], recent.Select(e => e.Id));
        Assert.Equal(["f4"], stream.Recent(afterId: 4).Select(e => e.Path));
    }

    [Fact]
    public void Subscriber_ThatFallsBehind_DropsOldestAndCountsThem()
    {
        var stream = new EngineEventStream(TimeProvider.System);
        using var sub = stream.Subscribe(capacity: 2);
        for (var i = 0; i < 5; i++) stream.Publish(new EngineEvent { Kind = EngineEventKind.FileChanged, Path = $"f{i}" });

        Assert.Equal(3, sub.Dropped);
        Assert.True(sub.Reader.TryRead(out var first));
        Assert.Equal("f3", first!.Path);
    }

    [Fact]
    public void DisposedSubscription_ReceivesNothingMore()
    {
        var stream = new EngineEventStream(TimeProvider.System);
        var sub = stream.Subscribe();
        sub.Dispose();
        stream.Publish(new EngineEvent { Kind = EngineEventKind.FileChanged });
        Assert.False(sub.Reader.TryRead(out _));
    }

    [Fact]
    public void Recent_AfterABurstBiggerThanTheHistory_StillHoldsTheFailuresAndStateEventsBeforeIt()
    {
        var stream = new EngineEventStream(TimeProvider.System, capacity: 1000);
        var failed = stream.Publish(new EngineEvent { Kind = EngineEventKind.RsyncFailed, JobId = 1, Message = "connection refused" });
        var logged = stream.Publish(new EngineEvent { Kind = EngineEventKind.FailLogCreated, JobId = 1, FailLogId = 7 });
        var state = stream.Publish(new EngineEvent { Kind = EngineEventKind.JobStateChanged, JobId = 1, Message = "Watching" });
        // A burst ten times the history, with the routine runs it causes.
        for (var i = 0; i < 10_000; i++)
        {
            stream.Publish(new EngineEvent { Kind = EngineEventKind.FileChanged, JobId = 1, Path = $"burst/f{i}" });
            if (i % 2 == 0) stream.Publish(new EngineEvent { Kind = EngineEventKind.RsyncFinished, JobId = 1 });
        }

        var all = stream.Recent(max: 5000);
        Assert.Equal([failed.Id, logged.Id, state.Id], all.Take(3).Select(e => e.Id));
        Assert.Equal(all.Select(e => e.Id).Order(), all.Select(e => e.Id)); // merged in id order
        Assert.Equal(1000, all.Count(e => e.Kind == EngineEventKind.FileChanged));
        Assert.Equal("burst/f9999", all.Last(e => e.Kind == EngineEventKind.FileChanged).Path);
        Assert.Equal([logged.Id, state.Id], stream.Recent(afterId: failed.Id, max: 2).Select(e => e.Id));

        var opening = stream.Latest(max: 500, maxFileEvents: 100);
        Assert.Contains(opening, e => e.Id == failed.Id);
        Assert.Contains(opening, e => e.Id == logged.Id);
        Assert.Equal(100, opening.Count(e => e.Kind == EngineEventKind.FileChanged));
        Assert.Equal(500, opening.Count);
        Assert.Equal(opening.Select(e => e.Id).Order(), opening.Select(e => e.Id));
    }
}
