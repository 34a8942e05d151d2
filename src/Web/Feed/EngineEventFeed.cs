namespace SyncConsole.Web.Feed;

/// <summary>
/// In-process fan-out of the batched engine events for interactive server components (eShop's pattern): a page
/// subscribes in <c>OnAfterRenderAsync</c> and disposes the returned handle. Fed by <see cref="Hubs.EngineEventRelay"/>,
/// so the dashboard sees exactly what SignalR clients see.
/// </summary>
public sealed class EngineEventFeed(ILogger<EngineEventFeed> logger)
{
    private readonly object gate = new();
    private Action<EngineEventBatch>[] handlers = [];

    public IDisposable Subscribe(Action<EngineEventBatch> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (gate) handlers = [.. handlers, handler];
        return new Subscription(this, handler);
    }

    public int SubscriberCount => Volatile.Read(ref handlers).Length;

    internal void Publish(EngineEventBatch batch)
    {
        foreach (var handler in Volatile.Read(ref handlers))
        {
            // One broken page must not starve the others.
            try { handler(batch); }
            catch (Exception ex) { logger.LogWarning(ex, "An event feed subscriber failed"); }
        }
    }

    private void Remove(Action<EngineEventBatch> handler)
    {
        lock (gate)
        {
            var i = Array.IndexOf(handlers, handler);
            if (i >= 0) handlers = [.. handlers[..i], .. handlers[(i + 1)..]];
        }
    }

    private sealed class Subscription(EngineEventFeed owner, Action<EngineEventBatch> handler) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) owner.Remove(handler);
        }
    }
}
