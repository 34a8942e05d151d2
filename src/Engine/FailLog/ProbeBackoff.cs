namespace SyncConsole.Engine.FailLog;

/// <summary>
/// When auto-heal probes a troubled remote next: <c>first</c> after the trouble is seen, then after every failed probe
/// the wait doubles (first, 2x, 4x, ...) up to <c>cap</c> (the retry interval), so a remote down for a day costs a
/// probe per interval while one back after seconds is noticed within seconds.
/// </summary>
internal sealed class ProbeBackoff(DateTimeOffset firstProbeAt, TimeSpan first)
{
    private TimeSpan wait = first;

    public DateTimeOffset Next { get; private set; } = firstProbeAt;

    public bool IsDue(DateTimeOffset now) => now >= Next;

    /// <summary>A probe (or the retry after it) failed at <paramref name="now"/>.</summary>
    public void Failed(DateTimeOffset now, TimeSpan cap)
    {
        var delay = wait > cap ? cap : wait;
        Next = now + delay;
        wait = delay * 2 > cap ? cap : delay * 2;
    }
}
