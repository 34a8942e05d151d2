using System.Net;
using System.Net.Sockets;

namespace SyncConsole.TestSupport;

/// <summary>Ports on 127.0.0.1 for the servers the tests start themselves (rsync daemon, sshd).</summary>
public static class LoopbackPort
{
    /// <summary>A port nobody listens on right now (bound to 127.0.0.1:0, then released).</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Whether something accepts a TCP connection on 127.0.0.1:<paramref name="port"/> within two seconds.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
