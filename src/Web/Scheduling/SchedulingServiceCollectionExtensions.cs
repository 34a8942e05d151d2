using Quartz;

namespace SyncConsole.Web.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with its RAM store (SQLite stays the truth), its jobs and the schedule sync that keeps their triggers.
    /// What the jobs call is registered by <c>AddSyncFailLog</c>, <c>AddSyncVerify</c> and <c>AddSyncHistory</c>.
    /// </summary>
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
        services.AddSingleton<JobScheduleQuery>();
        services.AddSingleton<QuartzScheduleSync>();
        services.AddHostedService(sp => sp.GetRequiredService<QuartzScheduleSync>());
        return services;
    }
}
