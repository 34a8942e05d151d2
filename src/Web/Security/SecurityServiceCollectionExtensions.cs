using Microsoft.AspNetCore.Components.Authorization;

namespace SyncConsole.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Session stamps (see <see cref="SessionStampStore"/>) and their re-check in open Blazor circuits.</summary>
    public static IServiceCollection AddSessionStamps(this IServiceCollection services)
    {
        services.AddSingleton<SessionStampStore>();
        services.AddScoped<SessionRevalidatingStateProvider>();
        services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<SessionRevalidatingStateProvider>());
        return services;
    }
}
