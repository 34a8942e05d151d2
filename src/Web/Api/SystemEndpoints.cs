using SyncConsole.Web.Contracts;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Api;

public static class SystemEndpoints
{
    public static IEndpointRouteBuilder MapSystemEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/system").RequireAuthorization().WithTags("System");

        group.MapGet("/", (SystemState state, SyncConsolePaths paths) =>
        {
            var rsync = state.Rsync;
            return TypedResults.Ok(new SystemInfoResponse(
                SystemState.Version, state.StartedAt, paths.DataDirectory,
                new RsyncInfo(rsync.Available, rsync.Path, rsync.Version, rsync.Problem)));
        });

        return endpoints;
    }
}
