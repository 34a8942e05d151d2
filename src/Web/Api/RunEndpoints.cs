using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Engine.Delivery;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.History;
using SyncConsole.Web.Validation;

namespace SyncConsole.Web.Api;

/// <summary>Sync-run history: every rsync invocation, newest first, filterable and paged.</summary>
public static class RunEndpoints
{
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/runs").RequireAuthorization().WithTags("Runs");

        group.MapGet("/", async Task<Results<Ok<PageResponse<RunSummaryResponse>>, ValidationProblem>> (
            int? jobId, int? remoteId, string? kind, int? page, int? pageSize, SyncRunQuery runs, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var runKind = QueryParameters.Enum<RunKind>(kind, "kind", errors);
            var (p, size) = QueryParameters.Paging(page, pageSize, MaxPageSize, errors);
            if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

            var (rows, total) = await runs.PageAsync(new SyncRunFilter { JobId = jobId, RemoteId = remoteId, Kind = runKind }, p - 1, size, ct);
            var items = rows.Select(r => new RunSummaryResponse
            {
                Id = r.Id, JobId = r.JobId, RemoteId = r.RemoteId, RemoteName = r.RemoteName, Kind = r.Kind, StartedAt = r.StartedAt, PathCount = r.PathCount,
                Bytes = r.Bytes, FilesTransferred = r.FilesTransferred, DurationMs = r.DurationMs, ExitCode = r.ExitCode,
                ExitMeaning = r.ExitMeaning, CommandLine = r.CommandLine,
            }).ToList();
            return TypedResults.Ok(new PageResponse<RunSummaryResponse>(items, p, size, total));
        });

        group.MapGet("/{id:long}", async Task<Results<Ok<RunResponse>, NotFound>> (long id, SyncRunQuery runs, CancellationToken ct) =>
            await runs.GetAsync(id, ct) is { } run
                ? TypedResults.Ok(new RunResponse
                {
                    Id = run.Id, JobId = run.JobId, RemoteId = run.RemoteId, RemoteName = run.RemoteName, Kind = run.Kind, StartedAt = run.StartedAt, PathCount = run.PathCount,
                    Bytes = run.Bytes, FilesTransferred = run.FilesTransferred, DurationMs = run.DurationMs, ExitCode = run.ExitCode,
                    ExitMeaning = run.ExitMeaning, CommandLine = run.CommandLine, StderrTail = run.StderrTail,
                })
                : TypedResults.NotFound());

        return endpoints;
    }
}
