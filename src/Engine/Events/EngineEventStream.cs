using System.Threading.Channels;

namespace SyncConsole.Engine.Events;

/// <summary>
/// The one in-process event stream. Publishing never blocks the engine: each subscriber has a bounded
/// channel that drops its oldest events when it falls behind (and counts them), so a slow browser can
/// never stall syncing. Recent events are kept for <c>GET /api/events?after=ID</c> and the dashboard in three rings:
/// file events, routine delivery events and everything else (failures, fail log, state, warnings), so one burst of
/// file events or a day of busy deliveries cannot push the events that matter out of the history.
/// </summary>
public sealed class EngineEventStream
{
    private readonly object gate = new();
    private readonly EventRing[] rings;
    private readonly TimeProvider clock;
    private readonly List<Subscription> subscribers = [];
    private long nextId;

    /// <param name="capacity">Slots of each of the three rings (file, routine, notable events).</param>
    public EngineEventStream(TimeProvider clock, int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.clock = clock;
        rings = [new EventRing(capacity), new EventRing(capacity), new EventRing(capacity)];
    }

    /// <summary>Which ring keeps an event: 0 file events, 1 routine delivery, 2 everything worth keeping longest, -1 none
    /// (progress: only its latest value matters, and the job status has it).</summary>
    internal static int RingOf(EngineEventKind kind) => kind switch
    {
        EngineEventKind.FileChanged => 0,
        EngineEventKind.BatchFlushed or EngineEventKind.RsyncStarted or EngineEventKind.RsyncFinished
            or EngineEventKind.FullSyncStarted or EngineEventKind.PluginRan => 1,
        EngineEventKind.SyncProgress => -1,
        _ => 2,
    };

    public long LastId => Interlocked.Read(ref nextId);

    public EngineEvent Publish(EngineEvent e)
    {
        Subscription[] targets;
        lock (gate)
        {
            e = e with { Id = ++nextId, Time = e.Time == default ? clock.GetUtcNow() : e.Time };
            if (RingOf(e.Kind) is var ring and >= 0) rings[ring].Add(e);
            targets = subscribers.ToArray();
        }
        foreach (var s in targets) s.Offer(e);
        return e;
    }

    /// <summary>Recent events with an id greater than <paramref name="afterId"/>, oldest first (the rings merged by id).</summary>
    public IReadOnlyList<EngineEvent> Recent(long afterId = 0, int max = 1000)
    {
        lock (gate)
        {
            var next = rings.Select(r => r.FirstAfter(afterId)).ToArray();
            var result = new List<EngineEvent>(Math.Min(max, rings.Sum(r => r.Count)));
            while (result.Count < max)
            {
                var pick = -1;
                for (var i = 0; i < rings.Length; i++)
                    if (next[i] < rings[i].Count && (pick < 0 || rings[i][next[i]].Id < rings[pick][next[pick]].Id)) pick = i;
                if (pick < 0) break;
                result.Add(rings[pick][next[pick]++]);
            }
            return result;
        }
    }

    /// <summary>
    /// The newest events for a view that opens (the dashboard), oldest first: up to <paramref name="max"/> in all, of
    /// which at most <paramref name="maxFileEvents"/> file events, so a burst never hides the failures before it.
    /// </summary>
    public IReadOnlyList<EngineEvent> Latest(int max, int maxFileEvents)
    {
        lock (gate)
        {
            var files = rings[0];
            var taken = new List<EngineEvent>(max);
            for (var i = Math.Max(0, files.Count - Math.Min(maxFileEvents, max)); i < files.Count; i++) taken.Add(files[i]);
            // The newest of the other events fill the rest; among those, notable ones first.
            var room = max - taken.Count;
            foreach (var ring in new[] { rings[2], rings[1] })
            {
                var n = Math.Min(room, ring.Count);
                for (var i = ring.Count - n; i < ring.Count; i++) taken.Add(ring[i]);
                room -= n;
            }
            taken.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            return taken;
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
