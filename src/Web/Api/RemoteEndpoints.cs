using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Remotes;

namespace SyncConsole.Web.Api;

public static class RemoteEndpoints
{
    public static IEndpointRouteBuilder MapRemoteEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/remotes").RequireAuthorization()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Security.RequestBodyLimitMiddleware.JsonBodyLimit)).WithTags("Remotes");

        group.MapGet("/", async (RemoteStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)));

        group.MapGet("/{id:int}", async Task<Results<Ok<RemoteResponse>, NotFound>> (int id, RemoteStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } remote ? TypedResults.Ok(remote) : TypedResults.NotFound());

        group.MapPost("/", async Task<Results<Created<RemoteResponse>, ValidationProblem>> (RemoteRequest request, RemoteStore store, CancellationToken ct) =>
        {
            var result = await store.CreateAsync(request, ct);
            return result.Errors is not null
                ? TypedResults.ValidationProblem(result.Errors)
                : TypedResults.Created($"/api/remotes/{result.Value!.Id}", result.Value);
        });

        // "Test connection" on an unsaved form: the create body, validated the same way; the password is never echoed.
        group.MapPost("/test", async Task<Results<Ok<SyncConsole.Engine.Rsync.ProbeResult>, ValidationProblem>> (RemoteRequest request, RemoteConnectionTester tester, CancellationToken ct) =>
        {
            var (result, errors) = await tester.TestUnsavedAsync(request, ct);
            return errors is not null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(result!);
        });

        group.MapPut("/{id:int}", async Task<Results<Ok<RemoteResponse>, NotFound, ValidationProblem>> (int id, RemoteRequest request, RemoteStore store, CancellationToken ct) =>
        {
            var result = await store.UpdateAsync(id, request, ct);
            if (result.NotFound) return TypedResults.NotFound();
            return result.Errors is not null ? TypedResults.ValidationProblem(result.Errors) : TypedResults.Ok(result.Value!);
        });

        group.MapDelete("/{id:int}", async Task<Results<NoContent, NotFound>> (int id, RemoteStore store, CancellationToken ct) =>
            await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound());

        return endpoints;
    }
}
