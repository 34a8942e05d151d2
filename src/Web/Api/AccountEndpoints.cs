using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Api;

/// <summary>The cookie login behind the static login page: a plain form post with antiforgery, then a redirect.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Form-bound minimal endpoints validate the antiforgery token automatically (UseAntiforgery).
        endpoints.MapPost("/account/login", async ([FromForm] LoginForm form, HttpContext http, AdminAccountService accounts, SessionStampStore stamps) =>
        {
            var returnUrl = SafeReturnUrl(form.ReturnUrl);
            var result = await accounts.CheckPasswordAsync(form.UserName?.Trim(), form.Password, http.Connection.RemoteIpAddress, http.RequestAborted);
            if (result.Outcome == LoginOutcome.Throttled)
            {
                var seconds = (int)Math.Ceiling(result.RetryAfter.TotalSeconds);
                return Results.Redirect($"/login?error=throttled&retryAfter={seconds}&returnUrl={Uri.EscapeDataString(returnUrl)}");
            }
            if (!result.Succeeded)
                return Results.Redirect($"/login?error=invalid&returnUrl={Uri.EscapeDataString(returnUrl)}");

            var identity = new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.Name, AuthSchemes.AdminUserName), new Claim(ClaimTypes.AuthenticationMethod, "password"),
                    new Claim(SessionStampStore.ClaimType, stamps.Current),
                ],
                AuthSchemes.Cookie);
            await http.SignInAsync(AuthSchemes.Cookie, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
            return Results.LocalRedirect(returnUrl);
        }).AllowAnonymous().ExcludeFromDescription();

        // Logging out ends every session of the admin, so a copy of the cookie taken earlier stops working too.
        endpoints.MapPost("/account/logout", async ([FromForm] string? returnUrl, HttpContext http, SessionStampStore stamps) =>
        {
            await stamps.RotateAsync("logout", http.RequestAborted);
            await http.SignOutAsync(AuthSchemes.Cookie);
            return Results.Redirect("/login");
        }).RequireAuthorization().ExcludeFromDescription();

        return endpoints;
    }

    /// <summary>Only local paths: an open redirect after login would hand the session's first click to anyone.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";
}
