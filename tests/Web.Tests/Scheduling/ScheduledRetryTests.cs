using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Delivery;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Scheduling;

namespace SyncConsole.Web.Tests.Scheduling;

/// <summary>Quartz's own fail-log retry trigger (every 2 s through the test-only override), nobody calling the API.</summary>
public sealed class ScheduledRetryTests(ShortRetryFactory factory) : IClassFixture<ShortRetryFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task FailLogRetryJob_DaemonDownThenBack_EntryRetriedByItselfResolvedAndTreesIdentical()
    {
        // No reconcile: the only thing that can deliver the file once the daemon is back is the fail-log retry.
        var remote = await scenario.CreateRemoteAsync("sched-retry");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "sched retry", RemoteIds = [remote], ReconcileAfterTrouble = false });
        await scenario.Daemon.StopAsync();
        Directory.CreateDirectory(scenario.Local("docs"));
        File.WriteAllText(scenario.Local("docs/minutes.txt"), "meeting notes");
        File.WriteAllText(scenario.Local("top.txt"), "top level");
        await Eventually.TrueAsync(() => scenario.InDb(db => db.FailLog.AnyAsync(f => f.JobId == job)).Result, "fail-log entry while down", 30);
        // While the daemon stays down the scheduled retries fail and push the next attempt back.
        await Eventually.TrueAsync(() => scenario.InDb(db => db.FailLog.AnyAsync(f => f.JobId == job && f.State == FailLogState.Pending && f.NextAttemptAt != null)).Result,
            "a scheduled retry that failed and set the next attempt", 30);

        await scenario.Daemon.StartAsync();

        await Eventually.TrueAsync(() => scenario.InDb(db => db.FailLog.Where(f => f.JobId == job).AllAsync(f => f.State == FailLogState.Resolved)).Result,
            "every entry resolved by the scheduled retry", 60);
        TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
        var entries = await scenario.InDb(db => db.FailLog.Where(f => f.JobId == job).ToListAsync());
        var entry = Assert.Single(entries); // retries that failed updated the entry instead of adding one
        Assert.True(entry.Attempts >= 2);
        var run = await scenario.InDb(db => db.SyncRuns.SingleAsync(r => r.Id == entry.ResolvedByRunId));
        Assert.Equal(RunKind.Retry, run.Kind);
    }

    [Fact]
    public async Task PausedJob_ItsEntriesAreNotRetried()
    {
        var remote = await scenario.CreateRemoteAsync("sched-paused");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "sched paused", RemoteIds = [remote], ReconcileAfterTrouble = false });
        await scenario.Daemon.StopAsync();
        File.WriteAllText(scenario.Local("held.txt"), "held");
        await Eventually.TrueAsync(() => scenario.InDb(db => db.FailLog.AnyAsync(f => f.JobId == job)).Result, "fail-log entry while down", 30);
        await scenario.Client.PostAsync($"/api/jobs/{job}/pause", null);
        await Eventually.TrueAsync(() => scenario.State(job).Result == "paused", "paused");
        await scenario.Daemon.StartAsync();

        // Instead of waiting out two retry intervals: Quartz has no retry trigger left for the job, and the pass its
        // trigger runs, forced now and regardless of backoff, retries nothing.
        await Eventually.TrueAsync(() => !HasRetryTrigger(job), "retry trigger removed while paused", 20);
        var results = await factory.Services.GetRequiredService<FailLogRetrier>().RetryManyAsync(job, null, dueOnly: false, CancellationToken.None);

        Assert.All(results, r => Assert.Equal(RetryOutcome.Skipped, r.Outcome));
        Assert.False(File.Exists(scenario.Remote("held.txt")));
        Assert.True(await scenario.InDb(db => db.FailLog.AnyAsync(f => f.JobId == job && f.State == FailLogState.Pending)));
    }

    private bool HasRetryTrigger(int job)
    {
        var key = QuartzScheduleSync.RetryKey(job);
        var scheduler = factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None).Result;
        return scheduler.GetTrigger(new TriggerKey(key.Name, key.Group), CancellationToken.None).Result is not null;
    }
}
