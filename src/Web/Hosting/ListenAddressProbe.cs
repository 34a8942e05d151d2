using System.Net;
using System.Net.Sockets;

namespace SyncConsole.Web.Hosting;

/// <summary>
/// Tries each configured listen address before Kestrel does, so a taken port is one clear sentence (exit 4) instead
/// of the host's "Hosting failed to start" with a stack trace. Kestrel's own bind failure is still caught afterwards.
/// </summary>
public static class ListenAddressProbe
{
    /// <returns>The first URL whose port is already taken, or null.</returns>
    public static string? FindBusy(IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            foreach (var endpoint in EndPoints(url))
            {
                using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    if (endpoint.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = false;
                    socket.Bind(endpoint);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
                {
                    return url;
                }
                catch (SocketException)
                {
                    // Not available here (no IPv6, a foreign address): Kestrel reports it in its own words.
                }
            }
        }
        return null;
    }

    private static IEnumerable<IPEndPoint> EndPoints(string url)
    {
        var normalised = url.Trim().Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0");
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Port <= 0) yield break;
        if (uri.Host == "localhost")
        {
            yield return new IPEndPoint(IPAddress.Loopback, uri.Port);
            yield break;
        }
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)) yield return new IPEndPoint(address, uri.Port);
    }
}
