using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SyncConsole.Web.Security;

/// <summary>
/// Throttles failed logins per client address, with a global ceiling, using .NET's token-bucket rate limiters.
/// Only failures spend tokens, and an address that guesses only slows itself down: the admin logging in from another
/// address is not locked out (a lock per account would let anyone who reaches the login page keep the admin out).
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> perAddress;
    private readonly TokenBucketRateLimiter global;
    private readonly TimeSpan addressRefill;
    private readonly TimeSpan globalRefill;

    public LoginThrottle(IOptions<LoginThrottleOptions> options)
    {
        var o = options.Value;
        addressRefill = TimeSpan.FromSeconds(Math.Max(1, o.AddressRefillSeconds));
        globalRefill = TimeSpan.FromSeconds(Math.Max(1, o.GlobalRefillSeconds));
        perAddress = PartitionedRateLimiter.Create<string, string>(partition =>
            RateLimitPartition.GetTokenBucketLimiter(partition, _ => Bucket(o.FailuresPerAddress, addressRefill)));
        global = new TokenBucketRateLimiter(Bucket(o.GlobalFailures, globalRefill));
    }

    /// <summary>The bucket an address falls in: IPv4 as is, IPv6 by its /64 (one host usually owns a whole /64).</summary>
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// True (and about how long to wait) when the address, or everyone together, has no failed attempt left.
    /// Callers serialize check and <see cref="RecordFailure"/>, so a permit seen here is there to spend.
    /// </summary>
    public bool IsThrottled(IPAddress? client, out TimeSpan retryAfter)
    {
        // Whole permits only: the buckets refill continuously, and a fraction of a token is not an attempt.
        if (Available(perAddress.GetStatistics(PartitionOf(client))) < 1) { retryAfter = addressRefill; return true; }
        if (Available(global.GetStatistics()) < 1) { retryAfter = globalRefill; return true; }
        retryAfter = TimeSpan.Zero;
        return false;
    }

    /// <summary>Spends one failed attempt of the address and one of the global ceiling.</summary>
    public void RecordFailure(IPAddress? client)
    {
        using var address = perAddress.AttemptAcquire(PartitionOf(client), 1);
        using var all = global.AttemptAcquire(1);
    }

    private static long Available(RateLimiterStatistics? statistics) => statistics?.CurrentAvailablePermits ?? 1;

    private static TokenBucketRateLimiterOptions Bucket(int tokens, TimeSpan refill) => new()
    {
        TokenLimit = Math.Max(1, tokens),
        TokensPerPeriod = 1,
        ReplenishmentPeriod = refill,
        AutoReplenishment = true,
        QueueLimit = 0,
    };

    public void Dispose()
    {
        perAddress.Dispose();
        global.Dispose();
    }
}
