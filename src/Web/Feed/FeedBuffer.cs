using SyncConsole.Engine.Events;

namespace SyncConsole.Web.Feed;

/// <summary>
/// The dashboard's live list: the newest <see cref="Capacity"/> events (newest first), filters by job, kind and text,
/// and a pause that stops the list from moving while still counting what arrived. Not thread-safe: the page
/// touches it on its circuit's dispatcher only.
/// </summary>
public sealed class FeedBuffer(int capacity = FeedBuffer.DefaultCapacity)
{
    public const int DefaultCapacity = 500;

    private readonly LinkedList<EngineEvent> events = new();

    public int Capacity { get; } = capacity;
    public int? JobFilter { get; set; }
    public EngineEventKind? KindFilter { get; set; }
    public string? TextFilter { get; set; }
    public bool Paused { get; private set; }
    /// <summary>Events that arrived while paused; they are not added to the list.</summary>
    public long MissedWhilePaused { get; private set; }
    /// <summary>File events the relay folded into counts, since the page opened.</summary>
    public long Folded { get; private set; }

    public int Count => events.Count;

    public void Add(EngineEventBatch batch)
    {
        Folded += batch.FoldedCount;
        if (Paused)
        {
            MissedWhilePaused += batch.Events.Count + batch.FoldedCount;
            return;
        }
        // Progress is the card's live bar, not something that happened: it would flood the list once a second.
        foreach (var e in batch.Events.Where(e => e.Kind != EngineEventKind.SyncProgress))
        {
            events.AddFirst(e);
            if (events.Count > Capacity) events.RemoveLast();
        }
    }

    public void Pause() => Paused = true;

    public void Resume()
    {
        Paused = false;
        MissedWhilePaused = 0;
    }

    public void Clear() => events.Clear();

    /// <summary>The events the filters let through, newest first.</summary>
    public IEnumerable<EngineEvent> Visible() => events.Where(Matches);

    public bool Matches(EngineEvent e)
    {
        if (JobFilter is { } job && e.JobId != job) return false;
        if (KindFilter is { } kind && e.Kind != kind) return false;
        if (string.IsNullOrWhiteSpace(TextFilter)) return true;
        var text = TextFilter.Trim();
        return (e.Path?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
            || (e.Message?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
            || (e.ExitMeaning?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
    }
}
