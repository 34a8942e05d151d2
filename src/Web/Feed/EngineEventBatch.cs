using SyncConsole.Engine.Events;

namespace SyncConsole.Web.Feed;

/// <summary>
/// What the browser gets every few hundred milliseconds: the events worth showing one by one, and counts of what
/// was folded (per kind, camelCase, e.g. <c>{ "fileChanged": 9800 }</c>) so a burst of 10 000 file events stays one message.
/// </summary>
public sealed record EngineEventBatch
{
    public required IReadOnlyList<EngineEvent> Events { get; init; }
    public IReadOnlyDictionary<string, int> Folded { get; init; } = new Dictionary<string, int>();
    /// <summary>Events lost before batching because the relay fell behind the engine (the stream's drop-oldest buffer).</summary>
    public long Dropped { get; init; }

    public int FoldedCount => Folded.Values.Sum();
}
