namespace SyncConsole.Web.Security;

/// <summary>How long the admin login stays locked after repeated failures.</summary>
public static class LoginThrottle
{
    public const int FreeAttempts = 5;
    private static readonly TimeSpan FirstLock = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxLock = TimeSpan.FromMinutes(15);

    /// <summary>Nothing for the first few failures, then 30 s doubling with every further failure, capped at 15 minutes.</summary>
    public static TimeSpan LockFor(int consecutiveFailures)
    {
        if (consecutiveFailures < FreeAttempts) return TimeSpan.Zero;
        var doublings = Math.Min(consecutiveFailures - FreeAttempts, 10);
        var delay = FirstLock * Math.Pow(2, doublings);
        return delay < MaxLock ? delay : MaxLock;
    }
}
