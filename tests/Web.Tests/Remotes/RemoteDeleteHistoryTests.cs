using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.FailLog;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Remotes;

/// <summary>
/// Deleting a remote that has history (issue 12, item 7): its runs and fail-log entries stay, named; what could never
/// be delivered any more is discarded, not left pending; the job left without a remote says so. Real host, real daemon.
/// </summary>
public sealed class RemoteDeleteHistoryTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task DeleteRemote_WithRunsAndAPendingFailure_KeepsTheHistoryUnderItsNameAndTheJobSaysItHasNoRemote()
    {
        var remote = await scenario.CreateRemoteAsync("doomed-mirror");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "outlives its remote", RemoteIds = [remote], RsyncParams = "-artuz" });
        File.WriteAllText(scenario.Local("delivered.txt"), "sent while the remote lived");
        await Eventually.TrueAsync(() => scenario.RemoteHas("delivered.txt", "sent while the remote lived"), "first delivery", 30);
        await Eventually.TrueAsync(() => scenario.InDb(db => db.SyncRuns.AnyAsync(r => r.JobId == job && r.ExitCode == 0)).Result, "run recorded", 30);
        await scenario.Daemon.StopAsync();
        File.WriteAllText(scenario.Local("stranded.txt"), "never delivered");
        await Eventually.TrueAsync(() => scenario.InDb(db => db.FailLog.AnyAsync(f => f.JobId == job && f.RemoteId == remote)).Result, "failure recorded", 60);
        var runsBefore = await scenario.InDb(db => db.SyncRuns.CountAsync(r => r.JobId == job));

        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.DeleteAsync($"/api/remotes/{remote}")).StatusCode);

        // The runs stay, named.
        var runs = await scenario.InDb(db => db.SyncRuns.AsNoTracking().Where(r => r.JobId == job).ToListAsync());
        Assert.True(runs.Count >= runsBefore, $"{runs.Count} runs left of {runsBefore}");
        Assert.All(runs, r => Assert.Equal((null, "doomed-mirror"), (r.RemoteId, r.RemoteName)));
        var listed = await scenario.Client.GetFromJsonAsync<JsonElement>($"/api/runs?jobId={job}");
        Assert.All(listed.GetProperty("items").EnumerateArray(), r => Assert.Equal("doomed-mirror", r.GetProperty("remoteName").GetString()));

        // The failures stay as history; none is left pending for a remote that no longer exists.
        var entries = await scenario.InDb(db => db.FailLog.AsNoTracking().Where(f => f.JobId == job).ToListAsync());
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal((null, "doomed-mirror", FailLogState.Discarded), (e.RemoteId, e.RemoteName, e.State)));
        var entry = await scenario.Client.GetFromJsonAsync<FailLogEntryResponse>($"/api/faillog/{entries[0].Id}", HostScenario.Json);
        Assert.Equal("doomed-mirror", entry!.RemoteName);
        Assert.Contains(entry.Paths, p => p.RelativePath == "stranded.txt");

        // The job, left without a remote, is a warning and says what happens to its changes.
        await Eventually.TrueAsync(() => StatusAsync(job).Result is { Remotes.Count: 0 }, "the job restarted without the remote", 30);
        var status = (await StatusAsync(job))!;
        Assert.Equal(JobHealth.Degraded, status.Health);
        Assert.Contains(status.HealthReasons, r => r.Contains("no remote") && r.Contains("delivered nowhere"));
        Assert.Contains(scenario.Events(job), e => e.Kind == EngineEventKind.JobWarning && e.Message!.Contains("no remote"));
    }

    private Task<JobStatusResponse?> StatusAsync(int job) => scenario.Client.GetFromJsonAsync<JobStatusResponse>($"/api/jobs/{job}/status", HostScenario.Json);
}
