using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SyncConsole.Data;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Monitoring;

namespace SyncConsole.Web.Api;

/// <summary><c>/metrics</c> (Prometheus, API key or an allow-listed scraper) and <c>/readyz</c> (login or API key, counts only).</summary>
public static class MonitoringEndpoints
{
    public const string MetricsPolicy = "MetricsScraper";

    /// <summary>Logged in (API key or cookie), or calling from an address in <c>SyncConsole:Metrics:AllowedAddresses</c>.</summary>
    public static bool MayScrape(HttpContext http, MetricsOptions options)
    {
        if (http.User.Identity?.IsAuthenticated == true) return true;
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return options.AllowedAddresses.Any(a => IPAddress.TryParse(a, out var allowed) && allowed.Equals(remote));
    }

    public static IEndpointRouteBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", async (MetricsWriter writer, CancellationToken ct) =>
                TypedResults.Text(await writer.RenderAsync(ct), MetricsWriter.ContentType))
            .RequireAuthorization(MetricsPolicy).WithTags("Monitoring");

        endpoints.MapGet("/readyz", async Task<JsonHttpResult<ReadinessResponse>> (
            IDbContextFactory<SyncConsoleDbContext> dbFactory, JobSupervisor supervisor, CancellationToken ct) =>
        {
            var failing = 0;
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var wanted = await db.Jobs.Where(j => j.Enabled && !j.Paused).Select(j => j.Id).ToListAsync(ct);
                var states = supervisor.GetStatuses().ToDictionary(s => s.JobId, s => s.State);
                failing = wanted.Count(id => !states.TryGetValue(id, out var state) || state is not (JobState.Watching or JobState.Syncing));
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                failing++; // the database does not answer; the detail stays in the server log
            }
            return TypedResults.Json(new ReadinessResponse(failing == 0 ? "ready" : "unavailable", failing),
                statusCode: failing == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).RequireAuthorization().WithTags("Health"); // login or API key: only /healthz is public

        return endpoints;
    }
}
