using Microsoft.AspNetCore.Components.Authorization;

namespace SyncConsole.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Session stamps (see <see cref="SessionStampStore"/>) and their re-check in open Blazor circuits; the login
    /// throttle (<see cref="LoginThrottle"/>, section <c>SyncConsole:Login</c>). Call after AddRazorComponents.
    /// </summary>
    public static IServiceCollection AddSyncConsoleSecurity(this IServiceCollection services)
    {
        services.AddOptions<LoginThrottleOptions>().BindConfiguration(LoginThrottleOptions.Section);
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<SessionStampStore>();
        services.AddScoped<SessionRevalidatingStateProvider>();
        services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<SessionRevalidatingStateProvider>());
        return services;
    }
}
