using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SyncConsole.Engine.Events;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Scheduling;

namespace SyncConsole.Web.Tests.Scheduling;

/// <summary>Crontab full syncs from Quartz on the real host against a real daemon.</summary>
public sealed class ScheduledFullSyncTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private int FullSyncsFinished(int job, long after = 0) => scenario.Events(job, after).Count(e => e.Kind == EngineEventKind.FullSyncFinished);

    /// <summary>Fires once a minute, on the second five seconds from now (server local time, as Quartz reads it).</summary>
    private static string SoonCron() => $"{DateTime.Now.AddSeconds(5).Second} * * * * ?";

    [Fact]
    public async Task CronFullSync_RepairsRemoteTampering_AndRespectsItsFilters()
    {
        File.WriteAllText(scenario.Local("truth.txt"), "the source is right");
        File.WriteAllText(scenario.Local("local-only.log"), "full-sync filter keeps me home");
        File.WriteAllText(scenario.Remote("remote-only.log"), "excluded, so not deleted either");
        var remote = await scenario.CreateRemoteAsync("cron-fullsync");
        // A full sync may fire at most once a minute: a cron on the second a few seconds from now fires soon, once.
        var request = new JobRequest { Name = "cron fullsync", RemoteIds = [remote], FullSyncCron = SoonCron(), FullSyncExcludes = ["*.log"] };
        var job = await scenario.CreateJobAsync(request);
        await Eventually.TrueAsync(() => scenario.RemoteHas("truth.txt", "the source is right") && FullSyncsFinished(job) >= 1, "first full sync", 30);

        var before = scenario.LastEventId;
        File.WriteAllText(scenario.Remote("truth.txt"), "tampered on the remote!");
        File.SetLastWriteTimeUtc(scenario.Remote("truth.txt"), DateTime.UtcNow.AddDays(-1));
        File.WriteAllText(scenario.Remote("stray.txt"), "not in the source");
        // The next fire, again a few seconds away (a changed schedule rebuilds the trigger).
        Assert.Equal(System.Net.HttpStatusCode.OK, (await scenario.Client.PutAsJsonAsync($"/api/jobs/{job}", request with { WatchPath = scenario.Watched.Path, FullSyncCron = SoonCron() })).StatusCode);

        // The run is recorded and reported just after rsync repaired the files: wait for the report too.
        await Eventually.TrueAsync(() => scenario.RemoteHas("truth.txt", "the source is right") && !File.Exists(scenario.Remote("stray.txt"))
            && scenario.Events(job, before).Any(e => e.Kind == EngineEventKind.FullSyncFinished && e.PathCount >= 1),
            "repaired by the scheduled full sync", 30);
        Assert.False(File.Exists(scenario.Remote("local-only.log")), "the full-sync filter excludes *.log");
        Assert.True(File.Exists(scenario.Remote("remote-only.log")), "an excluded remote file is not deleted");
        var finished = scenario.Events(job, before).First(e => e.Kind == EngineEventKind.FullSyncFinished && e.PathCount >= 1);
        Assert.NotNull(finished.SyncRunId);
        Assert.Contains("1 deleted", finished.Message); // stray.txt
    }

    [Fact]
    public async Task OverlappingTriggers_DoNotRunTwoFullSyncsAtOnce()
    {
        // A slow full sync: a 3 MB file the live watcher ignores, over a 1 MB/s link, so triggers overlap it. (sersync's split: the full sync sends what the live excludes skip)
        var remote = await scenario.CreateRemoteAsync("overlap", bandwidthLimitKbps: 1000);
        var job = await scenario.CreateJobAsync(new JobRequest
        {
            Name = "overlap", RemoteIds = [remote], ExcludeRegexes = [@"(.*)\.bin"], FullSyncUsesLiveExcludes = false, FullSyncIntervalMinutes = 600,
        });
        await Eventually.TrueAsync(() => FullSyncsFinished(job) >= 1, "start-up full sync", 30);
        File.WriteAllBytes(scenario.Local("big.bin"), RandomBytes(3 * 1024 * 1024));
        var before = scenario.LastEventId;
        var scheduler = await scenario.Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        for (var i = 0; i < 5; i++) await scheduler.TriggerJob(QuartzScheduleSync.FullSyncKey(job), new JobDataMap(), CancellationToken.None);

        await Eventually.TrueAsync(() => File.Exists(scenario.Remote("big.bin")) && new FileInfo(scenario.Remote("big.bin")).Length == 3 * 1024 * 1024,
            "big file delivered by a full sync", 60);
        await Eventually.TrueAsync(() => IsIdle(job, before), "full syncs settled", 30);
        await Task.Delay(1500); // negative check: nothing more starts
        var runs = scenario.Events(job, before).Where(e => e.Kind is EngineEventKind.FullSyncStarted or EngineEventKind.FullSyncFinished).ToList();
        var started = runs.Count(e => e.Kind == EngineEventKind.FullSyncStarted);
        Assert.InRange(started, 1, 2); // the one in flight and at most one queued behind it, not five
        for (var i = 0; i < runs.Count; i++)
            Assert.Equal(i % 2 == 0 ? EngineEventKind.FullSyncStarted : EngineEventKind.FullSyncFinished, runs[i].Kind); // never two at once
        TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
    }

    private bool IsIdle(int job, long before)
    {
        var events = scenario.Events(job, before);
        return events.Count(e => e.Kind == EngineEventKind.FullSyncStarted) == events.Count(e => e.Kind == EngineEventKind.FullSyncFinished);
    }

    [Fact]
    public async Task Schedule_SavedJobAndPreview_ShowFiveFireTimes_AndBadCronIs400()
    {
        var remote = await scenario.CreateRemoteAsync("schedule-view");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "schedule view", RemoteIds = [remote], FullSyncIntervalMinutes = 600 });

        var saved = await scenario.Client.GetFromJsonAsync<ScheduleResponse>($"/api/jobs/{job}/schedule");
        var preview = await scenario.Client.GetFromJsonAsync<ScheduleResponse>("/api/schedule/preview?cron=0%200%203%20*%20*%20%3F");
        var bad = await scenario.Client.GetAsync("/api/schedule/preview?cron=not%20a%20cron");
        var badSave = await scenario.Client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "bad cron", WatchPath = scenario.Watched.Path, FullSyncCron = "61 * * * * ?" });

        Assert.Equal(5, saved!.NextFireTimes.Count);
        Assert.Equal(TimeSpan.FromMinutes(600), saved.NextFireTimes[1] - saved.NextFireTimes[0]);
        Assert.True(saved.NextFireTimes[0] > DateTimeOffset.UtcNow.AddMinutes(590), "the live trigger's first fire is one interval after it was built");
        Assert.NotNull(saved.NextRetryAt);
        Assert.Equal(5, preview!.NextFireTimes.Count);
        Assert.All(preview.NextFireTimes, t => Assert.Equal(3, t.ToLocalTime().Hour));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"cron\"", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badSave.StatusCode);
        Assert.Contains("fullSyncCron", await badSave.Content.ReadAsStringAsync());
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
