using SyncConsole.TestSupport;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Engine.Tests.Plugins;

public sealed class SocketPluginTests
{
    private readonly EngineEventStream events = new(TimeProvider.System);

    [Fact]
    public async Task RunAsync_ListenerOnLoopback_ReceivesEachAbsolutePathAsRawBytesThenClose()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = Task.Run(async () =>
        {
            var messages = new List<string>();
            for (var i = 0; i < 2; i++)
            {
                using var client = await listener.AcceptTcpClientAsync();
                using var buffer = new MemoryStream();
                await client.GetStream().CopyToAsync(buffer); // ends when the plugin closes
                messages.Add(Encoding.UTF8.GetString(buffer.ToArray()));
            }
            return messages;
        });

        await new SocketPlugin(new SocketPluginSettings { Host = "127.0.0.1", Port = port }, events)
            .RunAsync(PluginTestData.Batch("/srv/www", "a.txt", "dir/ü b.txt"), CancellationToken.None);

        Assert.Equal(["/srv/www/a.txt", "/srv/www/dir/ü b.txt"], await received.WaitAsync(TimeSpan.FromSeconds(30)));
        var ran = Assert.Single(events.Recent());
        Assert.Equal(EngineEventKind.PluginRan, ran.Kind);
        Assert.Equal(2, ran.PathCount);
    }

    [Fact]
    public async Task RunAsync_NothingListening_ReportsEachPathFailed()
    {
        var port = LoopbackPort.Free();

        await new SocketPlugin(new SocketPluginSettings { Host = "127.0.0.1", Port = port }, events)
            .RunAsync(PluginTestData.Batch("/srv/www", "a.txt"), CancellationToken.None);

        var failed = Assert.Single(events.Recent());
        Assert.Equal(EngineEventKind.PluginFailed, failed.Kind);
        Assert.Contains($"127.0.0.1:{port}", failed.Message);
    }
}
