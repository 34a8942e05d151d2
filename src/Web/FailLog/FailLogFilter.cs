using SyncConsole.Data.Entities;
using SyncConsole.Engine.Events;
using SyncConsole.Web.Feed;

namespace SyncConsole.Web.FailLog;

/// <summary>What the Fail log page shows: one state (or all) of one job and/or remote (or all).</summary>
public sealed record FailLogFilter(FailLogState? State = null, int? JobId = null, int? RemoteId = null)
{
    /// <summary>
    /// Whether a batch changes what this filter shows: a fail-log event of a matching job and remote. The page reloads
    /// only then, so a burst of file events costs it nothing.
    /// </summary>
    public bool IsChangedBy(EngineEventBatch batch) => batch.Events.Any(e =>
        e.Kind is EngineEventKind.FailLogCreated or EngineEventKind.FailLogRetried or EngineEventKind.FailLogResolved or EngineEventKind.FailLogDiscarded
        && (JobId is null || e.JobId == JobId)
        && (RemoteId is null || e.RemoteId == RemoteId));
}
