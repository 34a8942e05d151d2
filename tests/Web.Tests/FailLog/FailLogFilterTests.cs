using SyncConsole.Engine.Events;
using SyncConsole.Web.FailLog;
using SyncConsole.Web.Feed;

namespace SyncConsole.Web.Tests.FailLog;

/// <summary>Which feed batches make the Fail log page reload.</summary>
public sealed class FailLogFilterTests
{
    private static EngineEventBatch Batch(params EngineEvent[] events) => new() { Events = events };

    [Theory]
    [InlineData(EngineEventKind.FailLogCreated)]
    [InlineData(EngineEventKind.FailLogRetried)]
    [InlineData(EngineEventKind.FailLogResolved)]
    [InlineData(EngineEventKind.FailLogDiscarded)]
    public void IsChangedBy_AnyFailLogEvent_IsTrue(EngineEventKind kind) =>
        Assert.True(new FailLogFilter().IsChangedBy(Batch(new EngineEvent { Kind = kind, JobId = 1, RemoteId = 2 })));

    [Fact]
    public void IsChangedBy_OnlyFileAndRsyncEvents_IsFalse() =>
        Assert.False(new FailLogFilter().IsChangedBy(Batch(
            new EngineEvent { Kind = EngineEventKind.FileChanged, JobId = 1 },
            new EngineEvent { Kind = EngineEventKind.RsyncFinished, JobId = 1, RemoteId = 2 })));

    [Fact]
    public void IsChangedBy_EventOfAnotherJobOrRemote_IsFalse()
    {
        var filter = new FailLogFilter(JobId: 1, RemoteId: 2);

        Assert.False(filter.IsChangedBy(Batch(new EngineEvent { Kind = EngineEventKind.FailLogResolved, JobId = 3, RemoteId = 2 })));
        Assert.False(filter.IsChangedBy(Batch(new EngineEvent { Kind = EngineEventKind.FailLogResolved, JobId = 1, RemoteId = 4 })));
        Assert.True(filter.IsChangedBy(Batch(new EngineEvent { Kind = EngineEventKind.FailLogResolved, JobId = 1, RemoteId = 2 })));
    }

    [Fact]
    public void IsChangedBy_StateFilter_StillReloadsOnAnyStateChange() =>
        // A pending entry that resolves leaves the "pending" view: the page must reload for it.
        Assert.True(new FailLogFilter(FailLogState.Pending).IsChangedBy(Batch(new EngineEvent { Kind = EngineEventKind.FailLogResolved, JobId = 1, RemoteId = 1 })));
}
