using Microsoft.AspNetCore.SignalR;
using SyncConsole.Engine.Events;
using SyncConsole.Web.Feed;

namespace SyncConsole.Web.Hubs;

/// <summary>
/// The one consumer of the <see cref="EngineEventStream"/> for live views: it batches events every
/// <see cref="BatchInterval"/> (folding file events beyond a cap) and fans each batch out to hub clients
/// (everyone not in a job group, plus the per-job groups) and to the in-process <see cref="EngineEventFeed"/>.
/// </summary>
public sealed class EngineEventRelay(
    EngineEventStream stream, IHubContext<EventsHub> hub, EngineEventFeed feed, TimeProvider clock, ILogger<EngineEventRelay> logger) : BackgroundService
{
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(250);

    // Large enough to hold a 10 000-event burst between two batches; beyond that the stream drops the oldest and counts.
    private const int SubscriptionCapacity = 50_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = stream.Subscribe(SubscriptionCapacity);
        var batcher = new EngineEventBatcher();
        long droppedSoFar = 0;
        try
        {
            while (await subscription.Reader.WaitToReadAsync(stoppingToken))
            {
                // The first event opens a batch; whatever else arrives within the interval rides along.
                await Task.Delay(BatchInterval, clock, stoppingToken);
                while (subscription.Reader.TryRead(out var e)) batcher.Add(e);
                var dropped = subscription.Dropped;
                var (all, byJob) = batcher.Take(dropped - droppedSoFar);
                droppedSoFar = dropped;
                feed.Publish(all);
                await SendAsync(all, byJob, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(EngineEventBatch batch, IReadOnlyDictionary<int, EngineEventBatch> byJob, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.Group(EventsHub.AllJobsGroup).SendAsync(EventsHub.BatchMethod, batch, cancellationToken);
            foreach (var (jobId, forJob) in byJob)
                await hub.Clients.Group(EventsHub.JobGroup(jobId)).SendAsync(EventsHub.BatchMethod, forJob, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not relay an event batch of {Count} events to hub clients", batch.Events.Count);
        }
    }
}
