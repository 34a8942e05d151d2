using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Data.Entities;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.FailLog;

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
            var errors = new Dictionary<string, string[]>();
            FailLogState? parsed = null;
            if (!string.IsNullOrEmpty(state))
            {
                if (Enum.TryParse<FailLogState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s)) parsed = s;
                else errors["state"] = [$"Unknown state '{state}'. Known: {string.Join(", ", Enum.GetNames<FailLogState>().Select(n => n.ToLowerInvariant()))}."];
            }
            if (page is < 1) errors["page"] = ["The page must be 1 or more."];
            if (pageSize is < 1 or > FailLogService.MaxPageSize) errors["pageSize"] = [$"The page size must be between 1 and {FailLogService.MaxPageSize}."];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            return TypedResults.Ok(await service.ListAsync(parsed, jobId, remoteId, page ?? 1, pageSize ?? 50, ct));
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
