using SyncConsole.Engine.Events;
using SyncConsole.Web.Feed;

namespace SyncConsole.Web.Tests.Feed;

public class EventSeverityTests
{
    private static EngineEvent Event(EngineEventKind kind, int? exit = null, int pathCount = 0) =>
        new() { Kind = kind, JobId = 1, ExitCode = exit, PathCount = pathCount };

    [Theory]
    [InlineData(EngineEventKind.FullSyncFinished, 5, 0, EventTone.Error)]
    [InlineData(EngineEventKind.FullSyncFinished, 0, 0, EventTone.Success)]
    [InlineData(EngineEventKind.VerifyFinished, 10, 0, EventTone.Error)]
    [InlineData(EngineEventKind.VerifyFinished, 0, 3, EventTone.Warning)]
    [InlineData(EngineEventKind.VerifyFinished, 0, 0, EventTone.Success)]
    [InlineData(EngineEventKind.FailLogRetried, 12, 0, EventTone.Error)]
    [InlineData(EngineEventKind.RsyncFailed, 23, 0, EventTone.Error)]
    [InlineData(EngineEventKind.RsyncFinished, 0, 1, EventTone.Success)]
    public void Of_ColoursByOutcome_NotByKindAlone(EngineEventKind kind, int exit, int paths, EventTone expected) =>
        Assert.Equal(expected, EventSeverity.Of(Event(kind, exit, paths)));

    [Fact]
    public void Label_MarksAFailedFullSync() =>
        Assert.Equal("FullSyncFinished (failed)", EventSeverity.Label(Event(EngineEventKind.FullSyncFinished, 5)));
}
