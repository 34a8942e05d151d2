using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data;
using SyncConsole.Engine.Events;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests;

/// <summary>A watched folder, a real loopback rsync daemon and an API client on a real host: what the host tests share.</summary>
public sealed class HostScenario : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private HostScenario(SyncConsoleFactory factory, RsyncDaemonFixture daemon)
    {
        Factory = factory;
        Daemon = daemon;
        Client = factory.CreateApiClient();
    }

    public SyncConsoleFactory Factory { get; private set; }
    public RsyncDaemonFixture Daemon { get; }
    public HttpClient Client { get; private set; }
    public TempDirectory Watched { get; } = new("syncconsole-sched");
    public string Local(string relative) => Path.Combine(Watched.Path, relative);
    public string Remote(string relative) => Path.Combine(Daemon.ModulePath, relative);

    public static async Task<HostScenario> StartAsync(SyncConsoleFactory factory) => new(factory, await RsyncDaemonFixture.StartNewAsync());

    /// <summary>Points the scenario at another host (e.g. a restarted one on the same data directory).</summary>
    public void UseFactory(SyncConsoleFactory factory)
    {
        Client.Dispose();
        Factory = factory;
        Client = factory.CreateApiClient();
    }

    /// <summary>A remote for <see cref="Daemon"/>; <paramref name="password"/> replaces the daemon's own (e.g. a wrong one).</summary>
    public async Task<int> CreateRemoteAsync(string name, int? bandwidthLimitKbps = null, string? password = null)
    {
        var response = await Client.PostAsJsonAsync("/api/remotes", new RemoteRequest
        {
            Name = name, Host = "127.0.0.1", ModuleOrPath = Daemon.ModuleName, User = Daemon.User,
            Password = password ?? Daemon.Password, Port = Daemon.Port, TimeoutSeconds = 10, BandwidthLimitKbps = bandwidthLimitKbps,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RemoteResponse>())!.Id;
    }

    /// <summary>Creates the job on <see cref="Watched"/> and waits until it watches.</summary>
    public async Task<int> CreateJobAsync(JobRequest request)
    {
        var response = await Client.PostAsJsonAsync("/api/jobs", request with { WatchPath = Watched.Path });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JobResponse>())!.Id;
        await WaitWatchingAsync(id);
        return id;
    }

    public async Task WaitWatchingAsync(int jobId) =>
        await Eventually.TrueAsync(() => State(jobId).Result == "watching", $"job {jobId} watching", 30);

    public async Task<string?> State(int jobId) =>
        (await Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/status")).GetProperty("state").GetString();

    public async Task<T> InDb<T>(Func<SyncConsoleDbContext, Task<T>> query)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public IReadOnlyList<EngineEvent> Events(int jobId, long afterId = 0) =>
        Factory.Services.GetRequiredService<EngineEventStream>().Recent(afterId, 10_000).Where(e => e.JobId == jobId).ToList();

    public long LastEventId => Factory.Services.GetRequiredService<EngineEventStream>().LastId;

    public bool RemoteHas(string relative, string content)
    {
        try { return File.Exists(Remote(relative)) && File.ReadAllText(Remote(relative)) == content; }
        catch (IOException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        // Stop the jobs that point at this folder before the folder goes.
        try
        {
            foreach (var job in await Client.GetFromJsonAsync<List<JobResponse>>("/api/jobs") ?? [])
                await Client.DeleteAsync($"/api/jobs/{job.Id}");
        }
        catch (ObjectDisposedException) { }
        await Daemon.DisposeAsync();
        Client.Dispose();
        Watched.Dispose();
    }
}
