using SyncConsole.Engine.Events;

namespace SyncConsole.Web.Feed;

public enum EventTone { Neutral, Success, Warning, Error }

/// <summary>
/// How an event is coloured wherever it is shown: by what happened, not only by its kind. A full sync, verify or
/// retry that ended with a non-zero exit is a failure (it was shown as a green "FullSyncFinished" before); a verify
/// that found differences is a warning.
/// </summary>
public static class EventSeverity
{
    public static EventTone Of(EngineEvent e) => e.Kind switch
    {
        EngineEventKind.RsyncFailed or EngineEventKind.JobError or EngineEventKind.PluginFailed or EngineEventKind.FailLogCreated
            or EngineEventKind.DeletionHeld => EventTone.Error,
        EngineEventKind.JobWarning or EngineEventKind.DeliveryWarning or EngineEventKind.WatchOverflow or EngineEventKind.DeletionCancelled => EventTone.Warning,
        EngineEventKind.FullSyncFinished or EngineEventKind.VerifyFinished or EngineEventKind.FailLogRetried when e.ExitCode is { } code && code != 0 => EventTone.Error,
        EngineEventKind.VerifyFinished when e.PathCount > 0 => EventTone.Warning,
        EngineEventKind.RsyncFinished or EngineEventKind.FullSyncFinished or EngineEventKind.FailLogResolved or EngineEventKind.VerifyFinished => EventTone.Success,
        _ => EventTone.Neutral,
    };

    /// <summary>The chip text: the kind, marked when a finishing kind reports a failure.</summary>
    public static string Label(EngineEvent e) =>
        Of(e) == EventTone.Error && e.Kind is EngineEventKind.FullSyncFinished or EngineEventKind.VerifyFinished or EngineEventKind.FailLogRetried
            ? $"{e.Kind} (failed)" : e.Kind.ToString();
}
