using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SyncConsole.Engine.Events;

namespace SyncConsole.Engine.Plugins;

/// <summary>
/// Runs jobs' plugins after deliveries, off the delivery path: <see cref="Notify"/> only queues, a few background
/// loops drain the queue. A slow or failing plugin therefore never delays rsync, never loses a delivery and never
/// stops a job; what it did or failed to do becomes PluginRan/PluginFailed events.
/// </summary>
public sealed class PluginDispatcher : IAsyncDisposable
{
    private readonly EngineEventStream events;
    private readonly PluginDispatcherOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly HttpClient http;
    private readonly Channel<DeliveredBatch> queue;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] loops;

    public PluginDispatcher(EngineEventStream events, PluginDispatcherOptions options, TimeProvider clock, ILogger logger)
    {
        this.events = events;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        // No redirects: a purge or webhook endpoint that redirects is misconfigured, and following it could leak the query.
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        queue = Channel.CreateBounded<DeliveredBatch>(
            new BoundedChannelOptions(Math.Max(1, this.options.QueueCapacity)) { FullMode = BoundedChannelFullMode.DropOldest },
            dropped => events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.PluginFailed, JobId = dropped.Job.Id, RemoteId = dropped.Remote?.Id, PathCount = dropped.Paths.Count,
                Message = "plugins: queue full, batch dropped (the files were delivered; only the plugins missed them)",
            }));
        loops = Enumerable.Range(0, Math.Max(1, this.options.MaxConcurrentBatches)).Select(_ => Task.Run(DrainAsync)).ToArray();
    }

    /// <summary>Queues a delivered batch for the job's plugins. Never blocks; a no-op for jobs without plugins.</summary>
    public void Notify(DeliveredBatch batch)
    {
        if (batch.Job.Plugins.Count == 0 || batch.Paths.Count == 0) return;
        if (batch.Time == default) batch = batch with { Time = clock.GetUtcNow() };
        queue.Writer.TryWrite(batch);
    }

    /// <summary>The runnable plugin for a definition.</summary>
    /// <exception cref="FormatException">The settings are not runnable (empty prefix, invalid regex, wrong settings type).</exception>
    public IDeliveryPlugin Create(PluginDefinition plugin) => plugin.Settings switch
    {
        CommandPluginSettings s => new CommandPlugin(s, events, options.MaxConcurrentCommands),
        SocketPluginSettings s => new SocketPlugin(s, events, options.SocketTimeout),
        RefreshCdnPluginSettings s => new RefreshCdnPlugin(s, http, events, options.CdnTimeout),
        HttpPluginSettings s => new HttpWebhookPlugin(s, http, events, options.WebhookBackoff),
        _ => throw new FormatException($"No plugin for settings of type {plugin.Settings.GetType().Name}."),
    };

    private async Task DrainAsync()
    {
        try
        {
            await foreach (var batch in queue.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
                await RunAsync(batch, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    private async Task RunAsync(DeliveredBatch batch, CancellationToken cancellationToken)
    {
        foreach (var definition in batch.Job.Plugins)
        {
            try
            {
                var plugin = Create(definition);
                if (!plugin.RunsPerRemote && !batch.IsPrimary) continue;
                await plugin.RunAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { throw; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Plugin {Kind} of job {Job} failed", definition.Kind, batch.Job.Name);
                events.Publish(new EngineEvent
                {
                    Kind = EngineEventKind.PluginFailed, JobId = batch.Job.Id, RemoteId = batch.Remote?.Id, PathCount = batch.Paths.Count,
                    Message = $"{definition.Kind}: {e.Message}",
                });
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(false);
        stopping.Dispose();
        http.Dispose();
    }
}
