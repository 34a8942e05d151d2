using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Api;

public static class HealthEndpoints
{
    /// <summary><c>/healthz</c>: the one public endpoint; says only whether the process and the database answer.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> (
            IDbContextFactory<SyncConsoleDbContext> dbFactory, CancellationToken ct) =>
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                if (await db.Database.CanConnectAsync(ct) && await db.AdminUsers.AnyAsync(ct))
                    return TypedResults.Ok(new HealthResponse("alive", "ready"));
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // Reported as 503 below; the detail stays in the server log, not in a public answer.
            }
            return TypedResults.Json(new HealthResponse("alive", "unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithTags("Health");

        return endpoints;
    }
}
