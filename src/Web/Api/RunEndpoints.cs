using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Engine.Delivery;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Api;

/// <summary>Sync-run history: every rsync invocation, newest first, filterable and paged.</summary>
public static class RunEndpoints
{
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/runs").RequireAuthorization().WithTags("Runs");

        group.MapGet("/", async Task<Results<Ok<PageResponse<RunSummaryResponse>>, ValidationProblem>> (
            int? jobId, int? remoteId, string? kind, int? page, int? pageSize,
            IDbContextFactory<SyncConsoleDbContext> dbFactory, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            RunKind? runKind = null;
            if (!string.IsNullOrEmpty(kind))
            {
                if (Enum.TryParse<RunKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _)) runKind = parsed;
                else errors["kind"] = [$"Unknown run kind '{kind}'; use {string.Join(", ", Enum.GetNames<RunKind>().Select(n => n.ToLowerInvariant()))}."];
            }
            if (page is < 1) errors["page"] = ["The page must be at least 1."];
            if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"The page size must be between 1 and {MaxPageSize}."];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

            var p = page ?? 1;
            var size = pageSize ?? 50;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var query = db.SyncRuns.AsNoTracking();
            if (jobId is not null) query = query.Where(r => r.JobId == jobId);
            if (remoteId is not null) query = query.Where(r => r.RemoteId == remoteId);
            if (runKind is not null) query = query.Where(r => r.Kind == runKind);
            var total = await query.CountAsync(ct);
            // Ids grow with insertion, so they order runs by time (SQLite cannot order DateTimeOffset columns).
            var items = await query.OrderByDescending(r => r.Id).Skip((p - 1) * size).Take(size)
                .Select(r => new RunSummaryResponse
                {
                    Id = r.Id, JobId = r.JobId, RemoteId = r.RemoteId, Kind = r.Kind, StartedAt = r.StartedAt, PathCount = r.PathCount,
                    Bytes = r.Bytes, FilesTransferred = r.FilesTransferred, DurationMs = r.DurationMs, ExitCode = r.ExitCode,
                    ExitMeaning = r.ExitMeaning, CommandLine = r.CommandLine,
                }).ToListAsync(ct);
            return TypedResults.Ok(new PageResponse<RunSummaryResponse>(items, p, size, total));
        });

        group.MapGet("/{id:long}", async Task<Results<Ok<RunResponse>, NotFound>> (long id, IDbContextFactory<SyncConsoleDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var run = await db.SyncRuns.AsNoTracking().Where(r => r.Id == id).Select(r => new RunResponse
            {
                Id = r.Id, JobId = r.JobId, RemoteId = r.RemoteId, Kind = r.Kind, StartedAt = r.StartedAt, PathCount = r.PathCount,
                Bytes = r.Bytes, FilesTransferred = r.FilesTransferred, DurationMs = r.DurationMs, ExitCode = r.ExitCode,
                ExitMeaning = r.ExitMeaning, CommandLine = r.CommandLine, StderrTail = r.StderrTail,
            }).SingleOrDefaultAsync(ct);
            return run is null ? TypedResults.NotFound() : TypedResults.Ok(run);
        });

        return endpoints;
    }
}
