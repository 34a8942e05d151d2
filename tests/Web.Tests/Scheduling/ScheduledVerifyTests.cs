using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Scheduling;

namespace SyncConsole.Web.Tests.Scheduling;

/// <summary>Verify on a schedule (Quartz, every 2 s through the test-only override) on the real host against a real daemon.</summary>
public sealed class ScheduledVerifyTests(ShortVerifyFactory factory) : IClassFixture<ShortVerifyFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private bool HasVerifyTrigger(int job)
    {
        var key = QuartzScheduleSync.VerifyKey(job);
        var scheduler = factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None).Result;
        return scheduler.GetTrigger(new TriggerKey(key.Name, key.Group), CancellationToken.None).Result is not null;
    }

    private static bool Running(IScheduler scheduler, JobKey key) =>
        scheduler.QueryFireInstances(new FireInstanceQuery { Job = key }, CancellationToken.None).Result.Items.Count > 0;

    private List<VerifyResultResponse> StoredResults(int job) =>
        scenario.InDb(db => db.VerifyResults.AsNoTracking().Where(r => r.JobId == job).ToListAsync()).Result
            .Select(r => VerifyResultResponse.From(r, withDifferences: true)).ToList();

    private async Task<ScheduleResponse> ScheduleAsync(int job) =>
        (await scenario.Client.GetFromJsonAsync<ScheduleResponse>($"/api/jobs/{job}/schedule", HostScenario.Json))!;

    private async Task PutAsync(int job, JobRequest request)
    {
        var response = await scenario.Client.PutAsJsonAsync($"/api/jobs/{job}", request with { WatchPath = scenario.Watched.Path });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ScheduledVerify_NoPost_StoresResultsAndReportsRemoteTampering()
    {
        File.WriteAllText(scenario.Local("ledger.txt"), "balance: 100");
        var remote = await scenario.CreateRemoteAsync("scheduled-verify");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "scheduled verify", RemoteIds = [remote], VerifyIntervalMinutes = 5 });
        await Eventually.TrueAsync(() => scenario.RemoteHas("ledger.txt", "balance: 100"), "start-up sync", 30);

        // No POST /verify anywhere: only Quartz can have stored these.
        await Eventually.TrueAsync(() => StoredResults(job) is [{ InSync: true }], "a scheduled verify finding the trees identical", 30);

        File.WriteAllText(scenario.Remote("ledger.txt"), "balance: 1000000");
        File.SetLastWriteTimeUtc(scenario.Remote("ledger.txt"), DateTime.UtcNow.AddDays(-1));

        await Eventually.TrueAsync(() => StoredResults(job) is [{ InSync: false } found]
            && found.Differences.Any(d => d.Path == "ledger.txt" && d.Kind == DifferenceKind.SizeDiffers), "the scheduled verify reporting the tampered file", 30);
        Assert.True(scenario.RemoteHas("ledger.txt", "balance: 1000000"), "a verify changes nothing");
        var status = await scenario.Client.GetFromJsonAsync<JobStatusResponse>($"/api/jobs/{job}/status", HostScenario.Json);
        Assert.False(Assert.Single(status!.Verify).InSync);
    }

    [Fact]
    public async Task ScheduledVerify_Deep_FindsARemoteChangeThatKeptSizeAndModificationTime()
    {
        File.WriteAllText(scenario.Local("ledger.txt"), "balance: 100");
        var remote = await scenario.CreateRemoteAsync("deep-scheduled-verify");
        var job = await scenario.CreateJobAsync(new JobRequest
        {
            Name = "deep scheduled verify", RemoteIds = [remote], RsyncParams = "-artuz", VerifyIntervalMinutes = 5, VerifyDeep = true,
        });
        Assert.True((await scenario.Client.GetFromJsonAsync<JobResponse>($"/api/jobs/{job}", HostScenario.Json))!.VerifyDeep);
        await Eventually.TrueAsync(() => scenario.RemoteHas("ledger.txt", "balance: 100"), "start-up sync", 30);

        // Same size, same mtime: only a checksum comparison can see it (a plain verify says identical).
        var mtime = File.GetLastWriteTimeUtc(scenario.Remote("ledger.txt"));
        File.WriteAllText(scenario.Remote("ledger.txt"), "balance: 900");
        File.SetLastWriteTimeUtc(scenario.Remote("ledger.txt"), mtime);

        await Eventually.TrueAsync(() => StoredResults(job) is [{ InSync: false } found] && found.Differences.Any(d => d.Path == "ledger.txt"),
            "the deep scheduled verify reporting the tampered file", 30);
        var runId = StoredResults(job).Single().SyncRunId;
        var commandLine = await scenario.InDb(db => db.SyncRuns.Where(r => r.Id == runId).Select(r => r.CommandLine).SingleAsync());
        Assert.Contains("--checksum", commandLine);
        Assert.True(scenario.RemoteHas("ledger.txt", "balance: 900"), "a verify changes nothing");
    }

    [Fact]
    public async Task Save_VerifyDeepWithoutAnInterval_Returns400NamingIt()
    {
        var remote = await scenario.CreateRemoteAsync("deep-without-interval");
        var request = new JobRequest { Name = "deep without interval", WatchPath = scenario.Watched.Path, RemoteIds = [remote], VerifyDeep = true };

        var response = await scenario.Client.PostAsJsonAsync("/api/jobs", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("verifyDeep", out _), problem.RootElement.ToString());
        Assert.Equal(0, await scenario.InDb(db => db.Jobs.CountAsync(j => j.Name == request.Name)));
    }

    [Fact]
    public async Task VerifyTrigger_ClearedPausedOrDeleted_Disappears()
    {
        var remote = await scenario.CreateRemoteAsync("verify-trigger");
        var request = new JobRequest { Name = "verify trigger", RemoteIds = [remote], VerifyIntervalMinutes = 30 };
        var job = await scenario.CreateJobAsync(request);
        await Eventually.TrueAsync(() => HasVerifyTrigger(job), "verify trigger created", 20);
        var schedule = await ScheduleAsync(job);
        Assert.Equal(30, schedule.VerifyIntervalMinutes);
        Assert.Equal(5, schedule.NextVerifyTimes.Count);
        Assert.All(schedule.NextVerifyTimes.Zip(schedule.NextVerifyTimes.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(2), p.Second - p.First));
        Assert.Equal(30, (await scenario.Client.GetFromJsonAsync<JobResponse>($"/api/jobs/{job}", HostScenario.Json))!.VerifyIntervalMinutes);

        await PutAsync(job, request with { VerifyIntervalMinutes = null });
        await Eventually.TrueAsync(() => !HasVerifyTrigger(job), "verify trigger removed when the interval is cleared", 20);
        Assert.Empty((await ScheduleAsync(job)).NextVerifyTimes);

        await PutAsync(job, request);
        await Eventually.TrueAsync(() => HasVerifyTrigger(job), "verify trigger back", 20);
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.PostAsync($"/api/jobs/{job}/pause", null)).StatusCode);
        await Eventually.TrueAsync(() => !HasVerifyTrigger(job), "verify trigger removed while paused", 20);
        Assert.Empty((await ScheduleAsync(job)).NextVerifyTimes);

        // Paused: no verify runs. Once a fire already on its way when the pause came has finished, a stray fire of
        // the verify job (what a trigger left behind would run) verifies nothing.
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Eventually.TrueAsync(() => !Running(scheduler, QuartzScheduleSync.VerifyKey(job)), "a verify on its way when the pause came finished", 20);
        var before = StoredResults(job).Select(r => r.VerifiedAt).ToList();
        var stray = JobBuilder.Create<VerifyJob>().WithIdentity($"stray-{job}", "test").UsingJobData(VerifyJob.JobIdKey, job).Build();
        await scheduler.ScheduleJob(stray, TriggerBuilder.Create().WithIdentity($"stray-{job}", "test").StartNow().Build());
        // A non-durable job is deleted once its only trigger has fired and the run finished.
        await Eventually.TrueAsync(() => !scheduler.Exists(stray.Key, CancellationToken.None).Result && !Running(scheduler, stray.Key), "the stray fire ran", 20);
        Assert.Equal(before, StoredResults(job).Select(r => r.VerifiedAt).ToList());

        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.PostAsync($"/api/jobs/{job}/resume", null)).StatusCode);
        await Eventually.TrueAsync(() => HasVerifyTrigger(job), "verify trigger back after resume", 20);
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.DeleteAsync($"/api/jobs/{job}")).StatusCode);
        await Eventually.TrueAsync(() => !HasVerifyTrigger(job), "verify trigger removed with the job", 20);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(10_081)]
    [InlineData(int.MaxValue)]
    public async Task Save_VerifyIntervalOutOfRange_Returns400NamingItAndChangesNothing(int minutes)
    {
        var remote = await scenario.CreateRemoteAsync($"verify-bad-{minutes}");
        var request = new JobRequest { Name = $"verify bad {minutes}", WatchPath = scenario.Watched.Path, RemoteIds = [remote], VerifyIntervalMinutes = minutes };

        var created = await scenario.Client.PostAsJsonAsync("/api/jobs", request);

        await AssertNamesVerifyIntervalAsync(created);
        Assert.Equal(0, await scenario.InDb(db => db.Jobs.CountAsync(j => j.Name == request.Name)));

        var job = await scenario.CreateJobAsync(request with { VerifyIntervalMinutes = 5 });
        await AssertNamesVerifyIntervalAsync(await scenario.Client.PutAsJsonAsync($"/api/jobs/{job}", request));
        Assert.Equal(5, await scenario.InDb(db => db.Jobs.Where(j => j.Id == job).Select(j => j.VerifyIntervalMinutes).SingleAsync()));
    }

    private static async Task AssertNamesVerifyIntervalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("verifyIntervalMinutes", out var messages), errors.ToString());
        Assert.Contains("between 5 and 10080 minutes", messages[0].GetString());
    }
}
