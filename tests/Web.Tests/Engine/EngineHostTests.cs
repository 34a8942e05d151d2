using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Events;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Engine;

/// <summary>Jobs created through the API run in the host: real inotify, real rsync, a real loopback daemon, real SQLite.</summary>
public sealed class EngineHostTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private Task<int> CreateJobAsync(string name, int remoteId) => scenario.CreateJobAsync(new JobRequest { Name = name, RemoteIds = [remoteId] });

    private async Task<(string State, JsonElement Body)> Status(int jobId)
    {
        var body = await scenario.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/status");
        return (body.GetProperty("state").GetString()!, body);
    }

    [Fact]
    public async Task CreatedJob_FileWritten_IsDeliveredRecordedAndVisibleAsEvents()
    {
        var remote = await scenario.CreateRemoteAsync("host-delivery");
        var job = await CreateJobAsync("host delivery", remote);

        File.WriteAllText(scenario.Local("report.txt"), "quarterly numbers");

        await Eventually.TrueAsync(() => scenario.RemoteHas("report.txt", "quarterly numbers"), "file on the daemon");
        await Eventually.TrueAsync(() => scenario.InDb(db => db.SyncRuns.AnyAsync(r => r.JobId == job && r.ExitCode == 0 && r.PathCount == 1)).Result, "sync run stored");
        var events = await scenario.Client.GetFromJsonAsync<List<EngineEvent>>($"/api/events?jobId={job}", HostScenario.Json);
        Assert.Contains(events!, e => e.Kind == EngineEventKind.FileChanged && e.Path == "report.txt");
        Assert.Contains(events!, e => e.Kind == EngineEventKind.RsyncFinished && e.RemoteId == remote);
        var (_, status) = await Status(job);
        Assert.Equal(remote, status.GetProperty("remotes")[0].GetProperty("remoteId").GetInt32());
        Assert.True(status.GetProperty("watchedFolders").GetInt32() >= 1);
    }

    [Fact]
    public async Task PausedJob_DeliversNothing_ThenResumeReconcilesWhatChanged()
    {
        var remote = await scenario.CreateRemoteAsync("host-pause");
        var job = await CreateJobAsync("host pause", remote);

        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.PostAsync($"/api/jobs/{job}/pause", null)).StatusCode);
        await Eventually.TrueAsync(() => Status(job).Result.State == "paused", "paused");
        File.WriteAllText(scenario.Local("while-paused.txt"), "held back");
        await Task.Delay(1500);
        Assert.False(File.Exists(scenario.Remote("while-paused.txt")), "a paused job must not deliver");

        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.PostAsync($"/api/jobs/{job}/resume", null)).StatusCode);
        await Eventually.TrueAsync(() => scenario.RemoteHas("while-paused.txt", "held back"), "reconciled on resume");
    }

    [Fact]
    public async Task FullSyncNow_RepairsAFileChangedOnTheRemote()
    {
        var remote = await scenario.CreateRemoteAsync("host-fullsync");
        File.WriteAllText(scenario.Local("truth.txt"), "the source is right");
        var job = await CreateJobAsync("host fullsync", remote);
        await Eventually.TrueAsync(() => scenario.RemoteHas("truth.txt", "the source is right"), "start-up reconcile");
        File.WriteAllText(scenario.Remote("truth.txt"), "tampered on the remote!");
        File.SetLastWriteTimeUtc(scenario.Remote("truth.txt"), DateTime.UtcNow.AddDays(-1));

        var response = await scenario.Client.PostAsync($"/api/jobs/{job}/fullsync", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.TrueAsync(() => scenario.RemoteHas("truth.txt", "the source is right"), "repaired by the full sync");
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Client.PostAsync("/api/jobs/999999/fullsync", null)).StatusCode);
    }

    [Fact]
    public async Task WrongPassword_FailsWithExit5_AndTheFailLogSaysSo()
    {
        var remote = await scenario.CreateRemoteAsync("host-badpass", password: "not-the-password");
        var job = await CreateJobAsync("host bad password", remote);

        File.WriteAllText(scenario.Local("secret-plans.txt"), "will not arrive");

        await Eventually.TrueAsync(() => scenario.InDb(db => db.FailLog.AnyAsync(f => f.JobId == job && f.ExitCode == 5)).Result, "fail-log entry with exit 5");
        var entry = await scenario.InDb(db => db.FailLog.FirstAsync(f => f.JobId == job && f.ExitCode == 5));
        Assert.Equal(FailLogState.Pending, entry.State);
        Assert.Contains("auth", entry.ExitMeaning, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(scenario.Remote("secret-plans.txt")));
    }

    [Fact]
    public async Task DisabledJob_IsNotRun_AndStatusSaysWhy()
    {
        var remote = await scenario.CreateRemoteAsync("host-disabled");
        var response = await scenario.Client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "host disabled", WatchPath = scenario.Watched.Path, RemoteIds = [remote], Enabled = false });
        var job = (await response.Content.ReadFromJsonAsync<JobResponse>())!.Id;

        var (state, body) = await Status(job);

        Assert.Equal("stopped", state);
        Assert.Contains("disabled", body.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Client.PostAsync($"/api/jobs/{job}/fullsync", null)).StatusCode);
    }
}
