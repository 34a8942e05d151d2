using System.Collections.Concurrent;
using System.Net;

namespace SyncConsole.Engine.Jobs;

/// <summary>
/// Whether two host names reach the same machine, for the destination overlap rule: the same name, or names that
/// share an address (<c>localhost</c> and <c>127.0.0.1</c>, a name and its IP). Errs towards "same": a false overlap
/// only asks for a destination folder, a missed one lets one job's deletes remove another's files.
/// </summary>
public static class HostIdentity
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(1);
    // Names resolve once per process; an overlap check runs on every save.
    private static readonly ConcurrentDictionary<string, IPAddress[]> Cache = new(StringComparer.OrdinalIgnoreCase);

    public static bool Same(string a, string b)
    {
        a = Clean(a);
        b = Clean(b);
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) return true;
        var x = Addresses(a);
        var y = Addresses(b);
        // Every loopback address is this machine: 127.0.0.1, 127.0.1.1 (Debian's host name) and ::1 alike.
        return x.Any(y.Contains) || (x.Any(IPAddress.IsLoopback) && y.Any(IPAddress.IsLoopback));
    }

    private static string Clean(string host) => host.Trim().Trim('[', ']').TrimEnd('.');

    private static IPAddress[] Addresses(string host)
    {
        if (IPAddress.TryParse(host, out var literal)) return [Canonical(literal)];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        return Cache.GetOrAdd(host, Lookup);
    }

    private static IPAddress[] Lookup(string host)
    {
        try
        {
            var lookup = Dns.GetHostAddressesAsync(host);
            // An unknown name (no DNS here, a typo) compares by name only; a save never waits long for it.
            return lookup.Wait(LookupTimeout) ? [.. lookup.Result.Select(Canonical)] : [];
        }
        catch (Exception e) when (e is AggregateException or System.Net.Sockets.SocketException or ArgumentException)
        {
            return [];
        }
    }

    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
