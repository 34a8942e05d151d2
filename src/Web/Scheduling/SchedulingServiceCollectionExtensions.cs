using Quartz;
using SyncConsole.Web.FailLog;
using SyncConsole.Web.Verify;

namespace SyncConsole.Web.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Quartz with its RAM store (SQLite stays the truth), the schedule sync, and the fail-log services.</summary>
    public static IServiceCollection AddSyncScheduling(this IServiceCollection services)
    {
        services.AddQuartz(q => q.ScheduleJob<HistoryPruneJob>(
            trigger => trigger.WithIdentity(HistoryPruneJob.Key.Name, HistoryPruneJob.Key.Group)
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(6)).RepeatForever()),
            job => job.WithIdentity(HistoryPruneJob.Key)));
        // A retry or full-sync request in flight at shutdown is allowed to finish its bookkeeping.
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddTransient<FullSyncJob>();
        services.AddTransient<FailLogRetryJob>();
        services.AddTransient<VerifyJob>();
        services.AddTransient<HistoryPruneJob>();
        services.AddSingleton<History.HistoryPruner>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.SyncConsoleOptions>>().Value;
            return new FailLogRetryPolicy(sp.GetRequiredService<TimeProvider>(), o.RetryIntervalMinutes, o.RetryIntervalSeconds);
        });
        services.AddSingleton<FailLogRetrier>();
        services.AddSingleton(sp => new AutoHealOptions
        {
            FirstProbeDelay = TimeSpan.FromSeconds(Math.Max(0.1, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.SyncConsoleOptions>>().Value.AutoHeal.FirstProbeSeconds)),
        });
        services.AddSingleton<AutoHealer>();
        services.AddHostedService<Engine.AutoHealHost>();
        services.AddSingleton<FailLogService>();
        services.AddSingleton<JobVerifier>();
        services.AddSingleton<QuartzScheduleSync>();
        services.AddHostedService(sp => sp.GetRequiredService<QuartzScheduleSync>());
        return services;
    }
}
