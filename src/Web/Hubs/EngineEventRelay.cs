using Microsoft.AspNetCore.SignalR;
using SyncConsole.Engine.Events;

namespace SyncConsole.Web.Hubs;

/// <summary>Forwards everything published on the <see cref="EngineEventStream"/> to every hub client.</summary>
public sealed class EngineEventRelay(EngineEventStream stream, IHubContext<EventsHub> hub, ILogger<EngineEventRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The stream's subscription drops its oldest events if SignalR falls behind, so the engine never waits here.
        using var subscription = stream.Subscribe();
        try
        {
            await foreach (var e in subscription.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.All.SendAsync(EventsHub.EventMethod, e, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not relay engine event {Id} to hub clients", e.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
