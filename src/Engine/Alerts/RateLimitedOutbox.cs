namespace SyncConsole.Engine.Alerts;

/// <summary>
/// One channel's messages under its rate limit: at most <c>maxPerMinute</c> sends in any minute. When more wait than
/// the minute has room for, the last free send is one summary naming the rest; when none is free, they wait for the
/// next call. A flood of incidents is therefore a few messages, and none is lost without a word.
/// </summary>
public sealed class RateLimitedOutbox(int maxPerMinute, TimeProvider clock)
{
    private readonly Queue<DateTimeOffset> sent = new();
    private readonly List<AlertMessage> waiting = [];
    private readonly object gate = new();

    public int MaxPerMinute { get; } = Math.Max(1, maxPerMinute);

    public int Waiting { get { lock (gate) return waiting.Count; } }

    public void Enqueue(IEnumerable<AlertMessage> messages)
    {
        lock (gate) waiting.AddRange(messages);
    }

    /// <summary>The messages to send now (counted as sent); the rest stay queued.</summary>
    public IReadOnlyList<AlertMessage> TakeDue()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            while (sent.Count > 0 && now - sent.Peek() >= TimeSpan.FromMinutes(1)) sent.Dequeue();
            var free = MaxPerMinute - sent.Count;
            if (free <= 0 || waiting.Count == 0) return [];
            List<AlertMessage> due;
            if (waiting.Count <= free) due = [.. waiting];
            else due = [.. waiting.Take(free - 1), AlertMessages.Summary(waiting.Skip(free - 1).ToList(), now)];
            waiting.Clear();
            foreach (var _ in due) sent.Enqueue(now);
            return due;
        }
    }
}
