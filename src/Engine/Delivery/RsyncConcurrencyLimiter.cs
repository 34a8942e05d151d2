namespace SyncConsole.Engine.Delivery;

/// <summary>
/// The global cap on concurrent rsync processes (sersync's <c>-n</c>, setting
/// <c>SyncConsole:Engine:MaxConcurrentRsync</c>). One instance is shared by every job and remote.
/// </summary>
public sealed class RsyncConcurrencyLimiter : IDisposable
{
    private readonly SemaphoreSlim semaphore;
    private readonly object resizeLock = new();
    private int max;
    private int running;
    private int peak;

    public RsyncConcurrencyLimiter(int? maxConcurrent = null)
    {
        max = maxConcurrent ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        semaphore = new SemaphoreSlim(max, int.MaxValue);
    }

    public int Max => Volatile.Read(ref max);

    /// <summary>
    /// Changes the cap while rsync runs: a larger cap frees slots at once; a smaller one takes slots away as running
    /// rsyncs end (nothing running is stopped).
    /// </summary>
    public void Resize(int newMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(newMax, 1);
        lock (resizeLock)
        {
            var delta = newMax - max;
            max = newMax;
            if (delta > 0) semaphore.Release(delta);
            // Each removed slot is acquired once and never released, so the total number of slots is newMax.
            for (var i = 0; i < -delta; i++) _ = semaphore.WaitAsync();
        }
    }
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
