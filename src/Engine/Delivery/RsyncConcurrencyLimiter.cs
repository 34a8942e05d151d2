namespace SyncConsole.Engine.Delivery;

/// <summary>
/// The global cap on concurrent rsync processes (sersync's <c>-n</c>, setting
/// <c>SyncConsole:Engine:MaxConcurrentRsync</c>). One instance is shared by every job and remote.
/// </summary>
public sealed class RsyncConcurrencyLimiter : IDisposable
{
    private readonly SemaphoreSlim semaphore;
    private int running;
    private int peak;

    public RsyncConcurrencyLimiter(int? maxConcurrent = null)
    {
        Max = maxConcurrent ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(Max, 1);
        semaphore = new SemaphoreSlim(Max, Max);
    }

    public int Max { get; }
    public int Running => Volatile.Read(ref running);
    /// <summary>The most rsync processes that ran at once so far.</summary>
    public int Peak => Volatile.Read(ref peak);

    /// <summary>Waits for a slot; dispose the result to free it.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        var now = Interlocked.Increment(ref running);
        int seen;
        while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
        return new Slot(this);
    }

    public void Dispose() => semaphore.Dispose();

    private sealed class Slot(RsyncConcurrencyLimiter owner) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) != 0) return;
            Interlocked.Decrement(ref owner.running);
            owner.semaphore.Release();
        }
    }
}
