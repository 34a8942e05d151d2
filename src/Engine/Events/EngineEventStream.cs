using System.Threading.Channels;

namespace SyncConsole.Engine.Events;

/// <summary>
/// The one in-process event stream. Publishing never blocks the engine: each subscriber has a bounded
/// channel that drops its oldest events when it falls behind (and counts them), so a slow browser can
/// never stall syncing. A ring buffer keeps recent events for <c>GET /api/events?after=ID</c>.
/// </summary>
public sealed class EngineEventStream
{
    private readonly object gate = new();
    private readonly EngineEvent[] ring;
    private readonly TimeProvider clock;
    private readonly List<Subscription> subscribers = [];
    private long nextId;
    private int count;

    public EngineEventStream(TimeProvider? clock = null, int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.clock = clock ?? TimeProvider.System;
        ring = new EngineEvent[capacity];
    }

    public long LastId => Interlocked.Read(ref nextId);

    public EngineEvent Publish(EngineEvent e)
    {
        Subscription[] targets;
        lock (gate)
        {
            e = e with { Id = ++nextId, Time = e.Time == default ? clock.GetUtcNow() : e.Time };
            ring[(int)((e.Id - 1) % ring.Length)] = e;
            if (count < ring.Length) count++;
            targets = subscribers.ToArray();
        }
        foreach (var s in targets) s.Offer(e);
        return e;
    }

    /// <summary>Recent events with an id greater than <paramref name="afterId"/>, oldest first.</summary>
    public IReadOnlyList<EngineEvent> Recent(long afterId = 0, int max = 1000)
    {
        lock (gate)
        {
            var result = new List<EngineEvent>(Math.Min(max, count));
            var firstId = nextId - count + 1;
            for (var id = Math.Max(firstId, afterId + 1); id <= nextId && result.Count < max; id++)
                result.Add(ring[(int)((id - 1) % ring.Length)]);
            return result;
        }
    }

    /// <summary>Subscribe to events published from now on. Dispose the subscription to stop.</summary>
    public Subscription Subscribe(int capacity = 4096)
    {
        var s = new Subscription(this, capacity);
        lock (gate) subscribers.Add(s);
        return s;
    }

    private void Remove(Subscription s)
    {
        lock (gate) subscribers.Remove(s);
    }

    public sealed class Subscription : IDisposable
    {
        private readonly EngineEventStream owner;
        private readonly Channel<EngineEvent> channel;
        private long dropped;

        internal Subscription(EngineEventStream owner, int capacity)
        {
            this.owner = owner;
            channel = Channel.CreateBounded<EngineEvent>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => Interlocked.Increment(ref dropped));
        }

        public ChannelReader<EngineEvent> Reader => channel.Reader;

        /// <summary>Events this subscriber lost because it fell behind.</summary>
        public long Dropped => Interlocked.Read(ref dropped);

        internal void Offer(EngineEvent e) => channel.Writer.TryWrite(e);

        public void Dispose()
        {
            owner.Remove(this);
            channel.Writer.TryComplete();
        }
    }
}
