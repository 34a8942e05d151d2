using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using SyncConsole.Engine.Events;

namespace SyncConsole.Engine.Plugins;

/// <summary>
/// sersync's socket plugin: for each delivered path, connect to host:port, send the absolute path's bytes (no
/// newline, no length, no operation) and close without reading. The wire format is kept so sersync receivers work.
/// </summary>
public sealed class SocketPlugin(SocketPluginSettings settings, EngineEventStream events, TimeSpan? connectTimeout = null) : IDeliveryPlugin
{
    private readonly TimeSpan timeout = connectTimeout ?? TimeSpan.FromSeconds(5);

    public PluginKind Kind => PluginKind.Socket;
    public bool RunsPerRemote => false;

    public async Task RunAsync(DeliveredBatch batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var sent = 0;
        foreach (var path in batch.Paths)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(timeout);
                using var client = new TcpClient();
                await client.ConnectAsync(settings.Host, settings.Port, attempt.Token).ConfigureAwait(false);
                var stream = client.GetStream();
                await stream.WriteAsync(Encoding.UTF8.GetBytes(batch.AbsolutePath(path)), attempt.Token).ConfigureAwait(false);
                client.Client.Shutdown(SocketShutdown.Send);
                sent++;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                events.Publish(new EngineEvent
                {
                    Kind = EngineEventKind.PluginFailed, JobId = batch.Job.Id, RemoteId = batch.Remote?.Id, Path = path.RelativePath,
                    PathCount = 1, Message = $"socket: cannot send to {settings.Host}:{settings.Port}: " +
                        (e is OperationCanceledException ? $"timed out after {timeout.TotalSeconds:0.#} s" : e.Message),
                });
            }
        }
        if (sent > 0)
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.PluginRan, JobId = batch.Job.Id, RemoteId = batch.Remote?.Id, PathCount = sent,
                DurationMs = started.Elapsed.TotalMilliseconds, Message = $"socket: sent {sent} path(s) to {settings.Host}:{settings.Port}",
            });
    }
}
