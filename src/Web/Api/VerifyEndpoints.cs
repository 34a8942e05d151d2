using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Verify;

namespace SyncConsole.Web.Api;

/// <summary>Verify a job against its remotes now, and read the last verify with the differing paths.</summary>
public static class VerifyEndpoints
{
    public static IEndpointRouteBuilder MapVerifyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/jobs/{id:int}/verify").RequireAuthorization().WithTags("Jobs");

        // Runs the dry run now and answers when it is done; ?deep=true compares checksums. The repair of what it
        // finds is POST /api/jobs/{id}/make-identical?remoteId=.
        group.MapPost("", async Task<Results<Ok<IReadOnlyList<VerifyResultResponse>>, NotFound>> (int id, int? remoteId, bool? deep, JobVerifier verifier, CancellationToken ct) =>
            await verifier.VerifyAsync(id, remoteId, ct, deep ?? false) is { } results ? TypedResults.Ok(results) : TypedResults.NotFound());

        group.MapGet("", async (int id, JobVerifier verifier, CancellationToken ct) =>
            TypedResults.Ok(await verifier.LastAsync(id, withDifferences: true, ct)));

        return endpoints;
    }
}
