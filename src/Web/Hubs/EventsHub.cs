using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace SyncConsole.Web.Hubs;

/// <summary>
/// Live engine events for browsers and tools at <c>/hubs/events</c>. Server-to-client only: every
/// <see cref="SyncConsole.Engine.Events.EngineEvent"/> arrives as method <c>"event"</c> (see <see cref="EngineEventRelay"/>).
/// </summary>
[Authorize]
public sealed class EventsHub : Hub
{
    public const string Path = "/hubs/events";
    public const string EventMethod = "event";
}
