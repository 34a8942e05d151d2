using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SyncConsole.Web.Security;

/// <summary>The cookie handler's per-request check: a cookie whose session stamp is not the current one is refused and removed.</summary>
public static class SessionStampValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.HttpContext.RequestServices.GetRequiredService<SessionStampStore>().IsCurrent(context.Principal)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
    }
}
