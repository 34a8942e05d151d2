using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Api;

public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/jobs").RequireAuthorization()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Security.RequestBodyLimitMiddleware.JsonBodyLimit)).WithTags("Jobs");

        group.MapGet("/", async (JobStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)));

        group.MapGet("/{id:int}", async Task<Results<Ok<JobResponse>, NotFound>> (int id, JobStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } job ? TypedResults.Ok(job) : TypedResults.NotFound());

        group.MapPost("/", async Task<Results<Created<JobResponse>, ValidationProblem>> (JobRequest request, JobStore store, CancellationToken ct) =>
        {
            var result = await store.CreateAsync(request, ct);
            return result.Errors is not null
                ? TypedResults.ValidationProblem(result.Errors)
                : TypedResults.Created($"/api/jobs/{result.Value!.Id}", result.Value);
        });

        group.MapPut("/{id:int}", async Task<Results<Ok<JobResponse>, NotFound, ValidationProblem>> (int id, JobRequest request, JobStore store, CancellationToken ct) =>
        {
            var result = await store.UpdateAsync(id, request, ct);
            if (result.NotFound) return TypedResults.NotFound();
            return result.Errors is not null ? TypedResults.ValidationProblem(result.Errors) : TypedResults.Ok(result.Value!);
        });

        group.MapDelete("/{id:int}", async Task<Results<NoContent, NotFound>> (int id, JobStore store, CancellationToken ct) =>
            await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound());

        return endpoints;
    }
}
