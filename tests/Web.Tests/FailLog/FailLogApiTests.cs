using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.FailLog;

/// <summary>
/// The fail log through the API on the real host and a real daemon that is stopped and started. The scheduled
/// retry runs hourly here, so every retry in these tests is the one the test asks for.
/// </summary>
public sealed class FailLogApiTests(ManualRetryFactory factory) : IClassFixture<ManualRetryFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private HttpClient Client => scenario.Client;

    /// <summary>A job whose remote is down and one file that could not be delivered: returns the job and its pending entry.</summary>
    private async Task<(int Job, int Remote, long Entry)> PendingEntryAsync(string name, string file, string content)
    {
        var remote = await scenario.CreateRemoteAsync(name);
        var job = await scenario.CreateJobAsync(new JobRequest { Name = name, RemoteIds = [remote] });
        await scenario.Daemon.StopAsync();
        File.WriteAllText(scenario.Local(file), content);
        long entry = 0;
        await Eventually.TrueAsync(() =>
        {
            entry = scenario.InDb(db => db.FailLog.Where(f => f.JobId == job && f.State == FailLogState.Pending).Select(f => f.Id).FirstOrDefaultAsync()).Result;
            return entry != 0;
        }, "a pending fail-log entry while the daemon is down", 30);
        return (job, remote, entry);
    }

    [Fact]
    public async Task RetryOne_DaemonStillDown_UpdatesTheSameEntry_ThenResolvesWhenItIsBack()
    {
        var (job, _, entry) = await PendingEntryAsync("faillog-one", "invoice.txt", "due 30 days");

        var failed = await (await Client.PostAsync($"/api/faillog/{entry}/retry", null)).Content.ReadFromJsonAsync<FailLogRetryResponse>(HostScenario.Json);

        Assert.Equal(RetryOutcome.Failed, failed!.Outcome);
        Assert.Equal(FailLogState.Pending, failed.State);
        Assert.NotNull(failed.NextAttemptAt);
        var rows = await scenario.InDb(db => db.FailLog.Where(f => f.JobId == job && f.State != FailLogState.Resolved).ToListAsync());
        var row = Assert.Single(rows); // the retry's own failure did not become a second entry
        Assert.Equal(entry, row.Id);
        Assert.True(row.Attempts >= 2);
        Assert.Contains(row.Paths, p => p.RelativePath == "invoice.txt");

        await scenario.Daemon.StartAsync();
        var response = await Client.PostAsync($"/api/faillog/{entry}/retry", null);
        var resolved = await response.Content.ReadFromJsonAsync<FailLogRetryResponse>(HostScenario.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RetryOutcome.Resolved, resolved!.Outcome);
        Assert.True(scenario.RemoteHas("invoice.txt", "due 30 days"));
        var stored = await Client.GetFromJsonAsync<FailLogEntryResponse>($"/api/faillog/{entry}", HostScenario.Json);
        Assert.Equal(FailLogState.Resolved, stored!.State);
        Assert.NotNull(stored.ResolvedByRunId);
        var run = await scenario.InDb(db => db.SyncRuns.SingleAsync(r => r.Id == stored.ResolvedByRunId));
        Assert.Equal(RunKind.Retry, run.Kind);
        Assert.Contains(scenario.Events(job), e => e.Kind == EngineEventKind.FailLogResolved && e.FailLogId == entry);
        Assert.Contains(scenario.Events(job), e => e.Kind == EngineEventKind.FailLogRetried && e.FailLogId == entry);
    }

    [Fact]
    public async Task RetryOne_DaemonStillDown_AnnouncesOnlyTheRetriedEntryNotTheFoldedRow()
    {
        var (job, _, entry) = await PendingEntryAsync("faillog-events", "ledger.txt", "not yet");
        using var subscription = scenario.Factory.Services.GetRequiredService<EngineEventStream>().Subscribe();

        var failed = await (await Client.PostAsync($"/api/faillog/{entry}/retry", null)).Content.ReadFromJsonAsync<FailLogRetryResponse>(HostScenario.Json);

        Assert.Equal(RetryOutcome.Failed, failed!.Outcome);
        var seen = new List<EngineEvent>();
        while (subscription.Reader.TryRead(out var e)) if (e.JobId == job) seen.Add(e);
        Assert.Contains(seen, e => e.Kind == EngineEventKind.RsyncFailed); // the retry's own runs are still reported
        Assert.Contains(seen, e => e.Kind == EngineEventKind.FailLogRetried && e.FailLogId == entry && e.Message!.StartsWith("failed again"));
        // The renewed failure went into the claimed entry: no row of its own was ever announced.
        Assert.DoesNotContain(seen, e => e.Kind == EngineEventKind.FailLogCreated && e.FailLogId != entry);
        Assert.Equal([entry], await scenario.InDb(db => db.FailLog.Where(f => f.JobId == job).Select(f => f.Id).ToListAsync()));
    }

    [Fact]
    public async Task RetryOne_EntryWithManyLiveFailuresMerged_WaitsOneIntervalNotTheCap()
    {
        var (_, _, entry) = await PendingEntryAsync("faillog-burst", "burst.txt", "one outage, many batches");
        // A burst that failed batch after batch: every live failure merges into the one entry.
        await scenario.InDb(db => db.FailLog.Where(f => f.Id == entry).ExecuteUpdateAsync(u => u.SetProperty(f => f.Attempts, 40)));

        var before = DateTimeOffset.UtcNow;
        var failed = await (await Client.PostAsync($"/api/faillog/{entry}/retry", null)).Content.ReadFromJsonAsync<FailLogRetryResponse>(HostScenario.Json);

        Assert.Equal(RetryOutcome.Failed, failed!.Outcome);
        var wait = failed.NextAttemptAt!.Value - before;
        Assert.True(wait < TimeSpan.FromHours(2), $"the first failed retry of an entry waits one interval (60 min), not {wait}");
        var row = await scenario.InDb(db => db.FailLog.SingleAsync(f => f.Id == entry));
        Assert.Equal(1, row.FailedRetries);
    }

    [Fact]
    public async Task RetryAll_ForTheJob_ResolvesAndTreesAreIdentical()
    {
        var (job, remote, entry) = await PendingEntryAsync("faillog-all", "a.txt", "alpha");
        Directory.CreateDirectory(scenario.Local("sub"));
        File.WriteAllText(scenario.Local("sub/b.txt"), "beta");
        await Eventually.TrueAsync(() => scenario.InDb(db => db.FailLog.Where(f => f.JobId == job).ToListAsync()).Result
            .SelectMany(f => f.Paths).Any(p => p.RelativePath.StartsWith("sub", StringComparison.Ordinal)), "second change in the fail log", 30);
        await scenario.Daemon.StartAsync();

        var results = await (await Client.PostAsync($"/api/faillog/retry?jobId={job}&remoteId={remote}", null))
            .Content.ReadFromJsonAsync<List<FailLogRetryResponse>>(HostScenario.Json);

        Assert.NotEmpty(results!);
        Assert.All(results!, r => Assert.Equal(RetryOutcome.Resolved, r.Outcome));
        Assert.False(await scenario.InDb(db => db.FailLog.AnyAsync(f => f.JobId == job && f.State == FailLogState.Pending)));
        TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
    }

    [Fact]
    public async Task Discard_PendingEntry_IsDiscardedAndListedSo()
    {
        var (job, _, entry) = await PendingEntryAsync("faillog-discard", "draft.txt", "never mind");

        var result = await (await Client.PostAsync($"/api/faillog/{entry}/discard", null)).Content.ReadFromJsonAsync<FailLogRetryResponse>(HostScenario.Json);

        Assert.Equal(RetryOutcome.Discarded, result!.Outcome);
        var page = await Client.GetFromJsonAsync<FailLogPage>($"/api/faillog?state=discarded&jobId={job}", HostScenario.Json);
        Assert.Equal(1, page!.Total);
        Assert.Equal(entry, page.Items[0].Id);
        Assert.Equal("faillog-discard", page.Items[0].JobName);
        Assert.Contains(scenario.Events(job), e => e.Kind == EngineEventKind.FailLogDiscarded && e.FailLogId == entry);
        var again = await (await Client.PostAsync($"/api/faillog/{entry}/retry", null)).Content.ReadFromJsonAsync<FailLogRetryResponse>(HostScenario.Json);
        Assert.Equal(RetryOutcome.Skipped, again!.Outcome);
    }

    [Fact]
    public async Task List_BadQuery_Is400NamingTheField_AndUnknownIdIs404()
    {
        var response = await Client.GetAsync("/api/faillog?state=sleeping&pageSize=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"state\"", body);
        Assert.Contains("\"pageSize\"", body);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/faillog/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsync("/api/faillog/987654/retry", null)).StatusCode);
    }

    [Fact]
    public async Task RetryOne_FailedStartUpFullSync_IsRetriedAsAFullSync()
    {
        File.WriteAllText(scenario.Local("before-start.txt"), "only a full sync carries me");
        await scenario.Daemon.StopAsync();
        var remote = await scenario.CreateRemoteAsync("faillog-fullsync");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "faillog fullsync", RemoteIds = [remote] });
        long entry = 0;
        await Eventually.TrueAsync(() =>
        {
            entry = scenario.InDb(db => db.FailLog.Where(f => f.JobId == job && f.FullSync).Select(f => f.Id).FirstOrDefaultAsync()).Result;
            return entry != 0;
        }, "the failed start-up full sync in the fail log", 30);
        await scenario.Daemon.StartAsync();

        var result = await (await Client.PostAsync($"/api/faillog/{entry}/retry", null)).Content.ReadFromJsonAsync<FailLogRetryResponse>(HostScenario.Json);

        Assert.Equal(RetryOutcome.Resolved, result!.Outcome);
        TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
        var run = await scenario.InDb(db => db.SyncRuns.SingleAsync(r => r.Id == result.RunId));
        Assert.Equal(RunKind.Retry, run.Kind);
        Assert.Contains("--delete", run.CommandLine); // the whole tree, as a full sync
    }

    [Fact]
    public async Task RetryOne_PathGoneLocallyAndDeleteOff_IsDroppedNotRetriedForever()
    {
        var remote = await scenario.CreateRemoteAsync("faillog-gone");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "faillog gone", RemoteIds = [remote], DeleteEnabled = false });
        await scenario.Daemon.StopAsync();
        File.WriteAllText(scenario.Local("ephemeral.txt"), "here briefly");
        await Eventually.TrueAsync(() => scenario.InDb(db => db.FailLog.Where(f => f.JobId == job).ToListAsync()).Result
            .SelectMany(f => f.Paths).Any(p => p.RelativePath == "ephemeral.txt"), "the file in the fail log", 30);
        File.Delete(scenario.Local("ephemeral.txt"));
        await scenario.Daemon.StartAsync();

        var results = await (await Client.PostAsync($"/api/faillog/retry?jobId={job}", null)).Content.ReadFromJsonAsync<List<FailLogRetryResponse>>(HostScenario.Json);

        Assert.All(results!, r => Assert.Equal(RetryOutcome.Resolved, r.Outcome));
        Assert.Contains(results!, r => r.Message?.Contains("no longer exist locally") == true);
        Assert.False(File.Exists(scenario.Remote("ephemeral.txt")));
        Assert.False(await scenario.InDb(db => db.FailLog.AnyAsync(f => f.JobId == job && f.State == FailLogState.Pending)));
    }
}
