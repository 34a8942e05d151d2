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
    private readonly AsyncLocal<Func<EngineEvent, bool>?> muted = new();
    private long nextId;
    private int count;

    public EngineEventStream(TimeProvider? clock = null, int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.clock = clock ?? TimeProvider.System;
        ring = new EngineEvent[capacity];
    }

    public long LastId => Interlocked.Read(ref nextId);

    /// <summary>Publishes the event, or returns it unpublished (Id 0) when the calling flow muted it (see <see cref="Mute"/>).</summary>
    public EngineEvent Publish(EngineEvent e)
    {
        if (muted.Value is { } isMuted && isMuted(e)) return e;
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

    /// <summary>
    /// Until the returned scope is disposed, events matching <paramref name="predicate"/> that are published from the
    /// calling async flow (the awaits below it, not other threads' loops) are dropped. For a caller that reports a
    /// callee's outcome itself: a fail-log retry that fails again folds the row the deliverer recorded into the entry
    /// it retried, so the deliverer's FailLogCreated would announce a row that is gone a moment later.
    /// </summary>
    public IDisposable Mute(Func<EngineEvent, bool> predicate)
    {
        var outer = muted.Value;
        muted.Value = outer is null ? predicate : e => outer(e) || predicate(e);
        return new MuteScope(this, outer);
    }

    private sealed class MuteScope(EngineEventStream owner, Func<EngineEvent, bool>? outer) : IDisposable
    {
        public void Dispose() => owner.muted.Value = outer;
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
