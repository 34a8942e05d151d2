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
        services.AddSingleton<FailLogRetrier>();
        services.AddSingleton<FailLogService>();
        services.AddSingleton<JobVerifier>();
        services.AddSingleton<QuartzScheduleSync>();
        services.AddHostedService(sp => sp.GetRequiredService<QuartzScheduleSync>());
        return services;
    }
}
