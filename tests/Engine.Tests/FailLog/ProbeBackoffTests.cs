using Microsoft.Extensions.Time.Testing;
using SyncConsole.Engine.FailLog;

namespace SyncConsole.Engine.Tests.FailLog;

public sealed class ProbeBackoffTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Failed_EveryProbeFails_WaitDoublesFromTheFirstDelayUpToTheCap()
    {
        var backoff = new ProbeBackoff(clock.GetUtcNow().AddSeconds(2), TimeSpan.FromSeconds(2));
        var waits = new List<double>();
        for (var i = 0; i < 14; i++)
        {
            clock.SetUtcNow(backoff.Next);
            Assert.True(backoff.IsDue(clock.GetUtcNow()));
            var before = clock.GetUtcNow();
            backoff.Failed(before, TimeSpan.FromMinutes(60));
            waits.Add((backoff.Next - before).TotalSeconds);
        }

        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3600, 3600, 3600], waits);
    }

    [Fact]
    public void IsDue_BeforeTheNextProbe_IsFalse()
    {
        var backoff = new ProbeBackoff(clock.GetUtcNow().AddSeconds(2), TimeSpan.FromSeconds(2));

        Assert.False(backoff.IsDue(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(backoff.IsDue(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(backoff.IsDue(clock.GetUtcNow()));
    }

    [Fact]
    public void Failed_CapBelowTheFirstDelay_WaitsTheCap()
    {
        var backoff = new ProbeBackoff(clock.GetUtcNow(), TimeSpan.FromSeconds(5));

        backoff.Failed(clock.GetUtcNow(), TimeSpan.FromSeconds(2));

        Assert.Equal(clock.GetUtcNow().AddSeconds(2), backoff.Next);
    }
}
