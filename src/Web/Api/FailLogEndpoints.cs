using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Data.Entities;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.FailLog;
using SyncConsole.Web.Validation;

namespace SyncConsole.Web.Api;

/// <summary>The fail log: what could not be delivered, and the levers on it (retry one, retry all, discard).</summary>
public static class FailLogEndpoints
{
    public static IEndpointRouteBuilder MapFailLogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/faillog").RequireAuthorization().WithTags("Fail log");

        group.MapGet("", async Task<Results<Ok<FailLogPage>, ValidationProblem>> (string? state, int? jobId, int? remoteId, int? page, int? pageSize,
            FailLogService service, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var parsed = QueryParameters.Enum<FailLogState>(state, "state", errors);
            var (p, size) = QueryParameters.Paging(page, pageSize, FailLogService.MaxPageSize, errors);
            if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());
            return TypedResults.Ok(await service.ListAsync(parsed, jobId, remoteId, p, size, ct));
        });

        group.MapGet("/{id:long}", async Task<Results<Ok<FailLogEntryResponse>, NotFound>> (long id, FailLogService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } entry ? TypedResults.Ok(entry) : TypedResults.NotFound());

        group.MapPost("/{id:long}/retry", async Task<Results<Ok<FailLogRetryResponse>, NotFound>> (long id, FailLogService service, CancellationToken ct) =>
            await service.RetryAsync(id, ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound());

        group.MapPost("/retry", async (int? jobId, int? remoteId, FailLogService service, CancellationToken ct) =>
            TypedResults.Ok(await service.RetryAllAsync(jobId, remoteId, ct)));

        group.MapPost("/{id:long}/discard", async Task<Results<Ok<FailLogRetryResponse>, NotFound>> (long id, FailLogService service, CancellationToken ct) =>
            await service.DiscardAsync(id, ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound());

        return endpoints;
    }
}
