using SyncConsole.Engine.Events;

namespace SyncConsole.Engine.Tests.Events;

public class EngineEventStreamTests
{
    [Fact]
    public void Publish_AssignsIncreasingIds_AndRecentReturnsThoseAfterId()
    {
        var stream = new EngineEventStream(capacity: 3);
        for (var i = 0; i < 5; i++) stream.Publish(new EngineEvent { Kind = EngineEventKind.FileChanged, Path = $"f{i}" });

        var recent = stream.Recent();
        Assert.Equal(["f2", "f3", "f4"], recent.Select(e => e.Path));
        Assert.Equal([3L, 4L, 5L], recent.Select(e => e.Id));
        Assert.Equal(["f4"], stream.Recent(afterId: 4).Select(e => e.Path));
    }

    [Fact]
    public void Subscriber_ThatFallsBehind_DropsOldestAndCountsThem()
    {
        var stream = new EngineEventStream();
        using var sub = stream.Subscribe(capacity: 2);
        for (var i = 0; i < 5; i++) stream.Publish(new EngineEvent { Kind = EngineEventKind.FileChanged, Path = $"f{i}" });

        Assert.Equal(3, sub.Dropped);
        Assert.True(sub.Reader.TryRead(out var first));
        Assert.Equal("f3", first!.Path);
    }

    [Fact]
    public void DisposedSubscription_ReceivesNothingMore()
    {
        var stream = new EngineEventStream();
        var sub = stream.Subscribe();
        sub.Dispose();
        stream.Publish(new EngineEvent { Kind = EngineEventKind.FileChanged });
        Assert.False(sub.Reader.TryRead(out _));
    }
}
