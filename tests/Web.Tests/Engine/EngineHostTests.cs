using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Events;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Engine;

/// <summary>Jobs created through the API run in the host: real inotify, real rsync, a real loopback daemon, real SQLite.</summary>
public sealed class EngineHostTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly TempDirectory watched = new("syncconsole-hostjob");
    private readonly HttpClient client = factory.CreateApiClient();
    private RsyncDaemonFixture daemon = null!;

    public async Task InitializeAsync() => daemon = await RsyncDaemonFixture.StartNewAsync();

    public async Task DisposeAsync()
    {
        // Stop the jobs that point at this test's folder before the folder goes.
        foreach (var job in await client.GetFromJsonAsync<List<JobResponse>>("/api/jobs") ?? [])
            await client.DeleteAsync($"/api/jobs/{job.Id}");
        await daemon.DisposeAsync();
        client.Dispose();
        watched.Dispose();
    }

    private async Task<int> CreateRemoteAsync(string name, string? password = null)
    {
        var response = await client.PostAsJsonAsync("/api/remotes", new RemoteRequest
        {
            Name = name, Host = "127.0.0.1", ModuleOrPath = daemon.ModuleName, User = daemon.User,
            Password = password ?? daemon.Password, Port = daemon.Port, TimeoutSeconds = 10,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RemoteResponse>())!.Id;
    }

    private async Task<int> CreateJobAsync(string name, int remoteId)
    {
        var response = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = name, WatchPath = watched.Path, RemoteIds = [remoteId] });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JobResponse>())!.Id;
        await Eventually.TrueAsync(() => Status(id).Result.State is "watching", $"job {id} watching");
        return id;
    }

    private async Task<(string State, JsonElement Body)> Status(int jobId)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/status");
        return (body.GetProperty("state").GetString()!, body);
    }

    private bool Delivered(string relative, string content)
    {
        var path = Path.Combine(daemon.ModulePath, relative);
        try { return File.Exists(path) && File.ReadAllText(path) == content; }
        catch (IOException) { return false; }
    }

    private async Task<T> InDb<T>(Func<SyncConsoleDbContext, Task<T>> query)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    [Fact]
    public async Task CreatedJob_FileWritten_IsDeliveredRecordedAndVisibleAsEvents()
    {
        var remote = await CreateRemoteAsync("host-delivery");
        var job = await CreateJobAsync("host delivery", remote);

        File.WriteAllText(Path.Combine(watched.Path, "report.txt"), "quarterly numbers");

        await Eventually.TrueAsync(() => Delivered("report.txt", "quarterly numbers"), "file on the daemon");
        await Eventually.TrueAsync(() => InDb(db => db.SyncRuns.AnyAsync(r => r.JobId == job && r.ExitCode == 0 && r.PathCount == 1)).Result, "sync run stored");
        var events = await client.GetFromJsonAsync<List<EngineEvent>>($"/api/events?jobId={job}", Json);
        Assert.Contains(events!, e => e.Kind == EngineEventKind.FileChanged && e.Path == "report.txt");
        Assert.Contains(events!, e => e.Kind == EngineEventKind.RsyncFinished && e.RemoteId == remote);
        var (_, status) = await Status(job);
        Assert.Equal(remote, status.GetProperty("remotes")[0].GetProperty("remoteId").GetInt32());
        Assert.True(status.GetProperty("watchedFolders").GetInt32() >= 1);
    }

    [Fact]
    public async Task PausedJob_DeliversNothing_ThenResumeReconcilesWhatChanged()
    {
        var remote = await CreateRemoteAsync("host-pause");
        var job = await CreateJobAsync("host pause", remote);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/jobs/{job}/pause", null)).StatusCode);
        await Eventually.TrueAsync(() => Status(job).Result.State == "paused", "paused");
        File.WriteAllText(Path.Combine(watched.Path, "while-paused.txt"), "held back");
        await Task.Delay(1500);
        Assert.False(File.Exists(Path.Combine(daemon.ModulePath, "while-paused.txt")), "a paused job must not deliver");

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/jobs/{job}/resume", null)).StatusCode);
        await Eventually.TrueAsync(() => Delivered("while-paused.txt", "held back"), "reconciled on resume");
    }

    [Fact]
    public async Task FullSyncNow_RepairsAFileChangedOnTheRemote()
    {
        var remote = await CreateRemoteAsync("host-fullsync");
        File.WriteAllText(Path.Combine(watched.Path, "truth.txt"), "the source is right");
        var job = await CreateJobAsync("host fullsync", remote);
        await Eventually.TrueAsync(() => Delivered("truth.txt", "the source is right"), "start-up reconcile");
        File.WriteAllText(Path.Combine(daemon.ModulePath, "truth.txt"), "tampered on the remote!");
        File.SetLastWriteTimeUtc(Path.Combine(daemon.ModulePath, "truth.txt"), DateTime.UtcNow.AddDays(-1));

        var response = await client.PostAsync($"/api/jobs/{job}/fullsync", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.TrueAsync(() => Delivered("truth.txt", "the source is right"), "repaired by the full sync");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/jobs/999999/fullsync", null)).StatusCode);
    }

    [Fact]
    public async Task WrongPassword_FailsWithExit5_AndTheFailLogSaysSo()
    {
        var remote = await CreateRemoteAsync("host-badpass", password: "not-the-password");
        var job = await CreateJobAsync("host bad password", remote);

        File.WriteAllText(Path.Combine(watched.Path, "secret-plans.txt"), "will not arrive");

        await Eventually.TrueAsync(() => InDb(db => db.FailLog.AnyAsync(f => f.JobId == job && f.ExitCode == 5)).Result, "fail-log entry with exit 5");
        var entry = await InDb(db => db.FailLog.FirstAsync(f => f.JobId == job && f.ExitCode == 5));
        Assert.Equal(FailLogState.Pending, entry.State);
        Assert.Contains("auth", entry.ExitMeaning, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(daemon.ModulePath, "secret-plans.txt")));
    }

    [Fact]
    public async Task DisabledJob_IsNotRun_AndStatusSaysWhy()
    {
        var remote = await CreateRemoteAsync("host-disabled");
        var response = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "host disabled", WatchPath = watched.Path, RemoteIds = [remote], Enabled = false });
        var job = (await response.Content.ReadFromJsonAsync<JobResponse>())!.Id;

        var (state, body) = await Status(job);

        Assert.Equal("stopped", state);
        Assert.Contains("disabled", body.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/jobs/{job}/fullsync", null)).StatusCode);
    }
}
