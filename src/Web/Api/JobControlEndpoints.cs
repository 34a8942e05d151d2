using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Engine;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Api;

/// <summary>What a running job is doing, and the levers on it: pause, resume, full sync now.</summary>
public static class JobControlEndpoints
{
    public static IEndpointRouteBuilder MapJobControlEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/jobs/{id:int}").RequireAuthorization().WithTags("Jobs");

        group.MapGet("/status", async Task<Results<Ok<JobStatusResponse>, NotFound>> (int id, JobStatusQuery query, CancellationToken ct) =>
            await query.GetAsync(id, ct) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound());

        group.MapPost("/pause", async Task<Results<NoContent, NotFound>> (int id, JobStore store, CancellationToken ct) =>
            await store.SetPausedAsync(id, paused: true, ct) ? TypedResults.NoContent() : TypedResults.NotFound());

        // A resumed job starts with a reconciling full sync: what changed while it was paused is unknown.
        group.MapPost("/resume", async Task<Results<NoContent, NotFound>> (int id, JobStore store, CancellationToken ct) =>
            await store.SetPausedAsync(id, paused: false, ct) ? TypedResults.NoContent() : TypedResults.NotFound());

        // The job's own full sync (its params: with -u a newer remote file stays), as the crontab runs it.
        group.MapPost("/fullsync", (int id, int? remoteId, JobStore store, JobSupervisor supervisor, CancellationToken ct) =>
            RequestFullSyncAsync(id, remoteId, makeIdentical: false, store, supervisor, ct));

        // The repair: a full sync without the job's skip options, so newer or otherwise kept remote files are
        // overwritten and (with delete on) remote-only files removed. The UI asks first, with counts from a verify.
        group.MapPost("/make-identical", (int id, int? remoteId, JobStore store, JobSupervisor supervisor, CancellationToken ct) =>
            RequestFullSyncAsync(id, remoteId, makeIdentical: true, store, supervisor, ct));

        // The deletion guard's held run (every remote, or one): confirm runs that full sync once without the guard,
        // cancel drops it (the job stays warned until a later check passes). 409 when nothing is held.
        group.MapPost("/held-run/confirm", (int id, int? remoteId, JobStore store, JobSupervisor supervisor, CancellationToken ct) =>
            HeldRunAsync(id, remoteId, confirm: true, store, supervisor, ct));
        group.MapPost("/held-run/cancel", (int id, int? remoteId, JobStore store, JobSupervisor supervisor, CancellationToken ct) =>
            HeldRunAsync(id, remoteId, confirm: false, store, supervisor, ct));

        return endpoints;
    }

    private static async Task<Results<Accepted, NoContent, NotFound, Conflict<string>>> HeldRunAsync(
        int id, int? remoteId, bool confirm, JobStore store, JobSupervisor supervisor, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is null) return TypedResults.NotFound();
        return (confirm ? supervisor.ConfirmHeldRun(id, remoteId) : supervisor.CancelHeldRun(id, remoteId)) switch
        {
            HeldRunAction.Done => confirm ? TypedResults.Accepted($"/api/jobs/{id}/status") : TypedResults.NoContent(),
            HeldRunAction.NotRunning => TypedResults.Conflict(remoteId is null
                ? "The job is not running (disabled, paused or starting): nothing is held."
                : $"The job is not running or has no remote {remoteId}: nothing is held."),
            _ => TypedResults.Conflict("No run is held by the deletion guard" + (remoteId is null ? "." : $" for remote {remoteId}.")),
        };
    }

    private static async Task<Results<Accepted, NotFound, Conflict<string>>> RequestFullSyncAsync(
        int id, int? remoteId, bool makeIdentical, JobStore store, JobSupervisor supervisor, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is null) return TypedResults.NotFound();
        return supervisor.RequestFullSync(id, remoteId, makeIdentical)
            ? TypedResults.Accepted($"/api/jobs/{id}/status")
            : TypedResults.Conflict(remoteId is null
                ? "The job is not running (disabled, paused or starting)."
                : $"The job is not running or has no remote {remoteId}.");
    }
}
