using SyncConsole.Engine.Events;

namespace SyncConsole.Web.Api;

public static class EventEndpoints
{
    /// <summary><c>GET /api/events?after=ID&amp;max=N</c>: recent engine events, oldest first, for polling clients.</summary>
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/events", (long? after, int? max, int? jobId, EngineEventStream stream) =>
        {
            var events = stream.Recent(after ?? 0, Math.Clamp(max ?? 500, 1, 5000));
            return TypedResults.Ok(jobId is null ? events : events.Where(e => e.JobId == jobId).ToList());
        }).RequireAuthorization().WithTags("Events");
        return endpoints;
    }
}
