using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace SyncConsole.Web.Security;

/// <summary>
/// An open Blazor circuit was authenticated once, when it started; this re-checks its session stamp every
/// <see cref="Interval"/> so a page left open with an ended session falls back to the login page too.
/// The circuit that itself ended the sessions (password or API key change) adopts the new stamp and keeps its page.
/// </summary>
public sealed class SessionRevalidatingStateProvider(ILoggerFactory loggers, SessionStampStore stamps)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private volatile string? adopted;

    protected override TimeSpan RevalidationInterval => Interval;

    /// <summary>Keeps this circuit (only) signed in after it rotated the stamp itself; its cookie still needs a new login.</summary>
    public void AdoptCurrentStamp() => adopted = stamps.Current;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        // API-key identities never reach a circuit; anything else must carry the current stamp.
        var valid = stamps.IsCurrent(user) || (adopted is { } own && stamps.Matches(own));
        return Task.FromResult(valid || user.Identity?.AuthenticationType == AuthSchemes.ApiKey);
    }
}
