namespace SyncConsole.Web.Security;

public static class SecurityApplicationBuilderExtensions
{
    /// <summary>Call right after <c>UseAuthentication</c>: see <see cref="SameOriginMiddleware"/>.</summary>
    public static IApplicationBuilder UseSameOriginForCookieRequests(this IApplicationBuilder app) =>
        app.UseMiddleware<SameOriginMiddleware>();

    /// <summary>See <see cref="RequestBodyLimitMiddleware"/>; after routing, before authentication.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestBodyLimitMiddleware>();
}
