using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Security;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Api;

public static class SettingsEndpoints
{
    public static IEndpointRouteBuilder MapSettingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/settings").RequireAuthorization().WithTags("Settings");

        group.MapPost("/password", async Task<Results<NoContent, ValidationProblem>> (ChangePasswordRequest request, AdminAccountService accounts, HttpContext http, CancellationToken ct) =>
        {
            var errors = await accounts.ChangePasswordAsync(request.CurrentPassword, request.NewPassword, ct, http.Connection.RemoteIpAddress);
            return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.NoContent();
        });

        group.MapGet("/apikey", (ApiKeyStore keys) => TypedResults.Ok(new ApiKeyResponse(keys.CurrentKey, keys.FromEnvironment)));

        group.MapPost("/apikey/regenerate", async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> (ApiKeyStore keys, CancellationToken ct) =>
        {
            if (keys.FromEnvironment)
                return TypedResults.Problem($"The API key is set by {Hosting.EnvironmentVariables.ApiKey}; change it there.", statusCode: StatusCodes.Status409Conflict);
            var key = await keys.RegenerateAsync(ct);
            return TypedResults.Ok(new ApiKeyResponse(key, false));
        });

        // The retry interval, the rsync cap and the import's password-file folders; a change applies at once.
        group.MapGet("/system", (SystemSettingsStore settings) => TypedResults.Ok(settings.Current));

        group.MapPut("/system", async Task<Results<Ok<SystemSettingsDto>, ValidationProblem>> (SystemSettingsDto request, SystemSettingsStore settings, CancellationToken ct) =>
        {
            var result = await settings.SaveAsync(request, ct);
            return result.Errors is not null ? TypedResults.ValidationProblem(result.Errors) : TypedResults.Ok(result.Value!);
        });

        return endpoints;
    }
}
