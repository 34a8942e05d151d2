using SyncConsole.Engine.Delivery;

namespace SyncConsole.Engine.Tests.Delivery;

/// <summary>The rsync cap changed while slots are held (the Settings page changes it on a running server).</summary>
public sealed class RsyncConcurrencyLimiterResizeTests
{
    [Fact]
    public async Task Resize_Larger_FreesAWaitingCallerAtOnce()
    {
        using var limiter = new RsyncConcurrencyLimiter(1);
        using var first = await limiter.AcquireAsync(CancellationToken.None);
        var second = limiter.AcquireAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        limiter.Resize(2);

        using var slot = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, limiter.Max);
    }

    [Fact]
    public async Task Resize_Smaller_TakesSlotsAwayAsRunningOnesEnd()
    {
        using var limiter = new RsyncConcurrencyLimiter(3);
        var a = await limiter.AcquireAsync(CancellationToken.None);
        var b = await limiter.AcquireAsync(CancellationToken.None);

        limiter.Resize(1);
        a.Dispose();
        b.Dispose();

        using var only = await limiter.AcquireAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var next = limiter.AcquireAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.False(next.IsCompleted);
        only.Dispose();
        using var later = await next.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
