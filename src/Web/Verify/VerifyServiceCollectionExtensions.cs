using SyncConsole.Web.Scheduling;

namespace SyncConsole.Web.Verify;

public static class VerifyServiceCollectionExtensions
{
    /// <summary>Verify on request and on schedule: the job verifier and each job's verify interval.</summary>
    public static IServiceCollection AddSyncVerify(this IServiceCollection services)
    {
        services.AddSingleton<JobVerifier>();
        services.AddSingleton(new VerifyInterval());
        return services;
    }
}
