namespace SyncConsole.Engine.Events;

/// <summary>A fixed-size history of events in id order; the oldest goes when it is full. Not thread-safe: the stream locks.</summary>
internal sealed class EventRing(int capacity)
{
    private readonly EngineEvent[] slots = new EngineEvent[capacity];
    private int start;

    public int Count { get; private set; }

    public void Add(EngineEvent e)
    {
        if (Count < slots.Length) slots[(start + Count++) % slots.Length] = e;
        else
        {
            slots[start] = e;
            start = (start + 1) % slots.Length;
        }
    }

    public EngineEvent this[int index] => slots[(start + index) % slots.Length];

    /// <summary>The index of the first event with an id greater than <paramref name="afterId"/> (Count when none).</summary>
    public int FirstAfter(long afterId)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (this[mid].Id <= afterId) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
