using Microsoft.Extensions.Options;
using SyncConsole.Data.FailLog;
using SyncConsole.Data.Journal;
using SyncConsole.Engine.Delivery;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.FailLog;

public static class FailLogServiceCollectionExtensions
{
    /// <summary>
    /// The fail log and what works on it: the SQLite port and journal, the retry policy and retrier, auto-heal and
    /// the Web's fail-log service. Quartz only triggers the retrier (see <c>AddSyncScheduling</c>).
    /// </summary>
    public static IServiceCollection AddSyncFailLog(this IServiceCollection services)
    {
        services.AddSingleton<SqliteFailLog>();
        services.AddSingleton<IFailLog>(sp => sp.GetRequiredService<SqliteFailLog>());
        services.AddSingleton<SqliteDeliveryJournal>();
        services.AddSingleton<IDeliveryJournal>(sp => sp.GetRequiredService<SqliteDeliveryJournal>());
        services.AddSingleton(sp => new FailLogRetryPolicy(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<SyncConsoleOptions>>().Value.RetryIntervalMinutes));
        services.AddSingleton<FailLogRetrier>();
        services.AddSingleton(sp => new AutoHealOptions
        {
            FirstProbeDelay = TimeSpan.FromSeconds(Math.Max(0.1, sp.GetRequiredService<IOptions<SyncConsoleOptions>>().Value.AutoHeal.FirstProbeSeconds)),
        });
        services.AddSingleton<AutoHealer>();
        services.AddHostedService<Engine.AutoHealHost>();
        services.AddSingleton<FailLogService>();
        return services;
    }
}
