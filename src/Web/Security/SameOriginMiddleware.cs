using Microsoft.AspNetCore.Mvc;

namespace SyncConsole.Web.Security;

/// <summary>
/// Refuses cookie-authenticated requests that <see cref="SameOriginPolicy"/> cannot trace to this site's own pages,
/// with a 403 problem saying why. Runs after authentication: anonymous requests get their usual 401 or login
/// redirect, and requests authenticated by the API key pass untouched.
/// </summary>
public sealed class SameOriginMiddleware(RequestDelegate next, ILogger<SameOriginMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsCookieSession(context) && SameOriginPolicy.Refusal(context.Request) is { } reason)
        {
            logger.LogWarning("Refused {Method} {Path} with the login cookie: {Reason}", context.Request.Method, context.Request.Path, reason);
            await Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Cross-origin request refused",
                Detail = $"This request carries the login cookie but {reason}. Requests made with the login cookie must come "
                    + "from SyncConsole's own pages; scripts and other tools authenticate with the X-Api-Key header instead.",
            }).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>Authenticated by anything but the API key (today: the login cookie).</summary>
    private static bool IsCookieSession(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true } identity && identity.AuthenticationType != AuthSchemes.ApiKey;
}
