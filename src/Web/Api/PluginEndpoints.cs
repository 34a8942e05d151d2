using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Plugins;

namespace SyncConsole.Web.Api;

/// <summary>A job's plugins (sersync's command, socket, refreshCDN, plus the http webhook), read and replaced as one list.</summary>
public static class PluginEndpoints
{
    public static IEndpointRouteBuilder MapPluginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/jobs/{id:int}/plugins").RequireAuthorization()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Security.RequestBodyLimitMiddleware.JsonBodyLimit)).WithTags("Plugins");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<PluginResponse>>, NotFound>> (int id, PluginStore store, CancellationToken ct) =>
            await store.ListAsync(id, ct) is { } plugins ? TypedResults.Ok(plugins) : TypedResults.NotFound());

        group.MapPut("/", async Task<Results<Ok<IReadOnlyList<PluginResponse>>, NotFound, ValidationProblem>> (
            int id, IReadOnlyList<PluginRequest> plugins, PluginStore store, CancellationToken ct) =>
        {
            var result = await store.ReplaceAsync(id, plugins, ct);
            if (result.NotFound) return TypedResults.NotFound();
            return result.Errors is not null ? TypedResults.ValidationProblem(result.Errors) : TypedResults.Ok(result.Value!);
        });

        return endpoints;
    }
}
