using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Api;

public sealed class JobEndpointsTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IDisposable
{
    private readonly TempDirectory watched = new("syncconsole-watch");
    private readonly HttpClient client = factory.CreateApiClient();

    public void Dispose()
    {
        client.Dispose();
        watched.Dispose();
    }

    [Fact]
    public async Task Crud_FullJob_RoundTripsThroughEveryVerb()
    {
        var remote = await CreateRemoteAsync("crud-remote");
        var request = new JobRequest
        {
            Name = "crud job", WatchPath = watched.Path + "/", Events = ["closeWrite", "delete", "moveTo"], RsyncParams = "-az --inplace",
            FullSyncCron = "0 0 3 * * ?", CoalescingDelayMs = 100, MaxBatchPaths = 500, RetryIntervalMinutes = 5, PluginOnly = true,
            RemoteIds = [remote], ExcludeRegexes = [@"^\.git/", @".*\.swp"], FullSyncExcludes = ["*.tmp"],
        };

        var created = await client.PostAsJsonAsync("/api/jobs", request);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = (await created.Content.ReadFromJsonAsync<JobResponse>())!;
        Assert.Equal($"/api/jobs/{job.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("crud job", watched.Path, "-az --inplace", "0 0 3 * * ?", 100, 500, 5, true, true),
            (job.Name, job.WatchPath, job.RsyncParams, job.FullSyncCron, job.CoalescingDelayMs, job.MaxBatchPaths, job.RetryIntervalMinutes, job.PluginOnly, job.ReconcileAfterTrouble));
        Assert.Equal(["closeWrite", "moveTo", "delete"], job.Events);
        Assert.Equal([remote], job.RemoteIds);
        Assert.Equal([@"^\.git/", @".*\.swp"], job.ExcludeRegexes);
        Assert.Equal(["*.tmp"], job.FullSyncExcludes);
        Assert.Equal(job, await client.GetFromJsonAsync<JobResponse>($"/api/jobs/{job.Id}"), JobComparer);
        Assert.Contains(await client.GetFromJsonAsync<List<JobResponse>>("/api/jobs") ?? [], j => j.Id == job.Id);

        var updated = await client.PutAsJsonAsync($"/api/jobs/{job.Id}", request with { Name = "crud job renamed", RemoteIds = [], ExcludeRegexes = [], Enabled = false });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = (await updated.Content.ReadFromJsonAsync<JobResponse>())!;
        Assert.Equal(("crud job renamed", false, 0, 0, 1), (after.Name, after.Enabled, after.RemoteIds.Count, after.ExcludeRegexes.Count, after.FullSyncExcludes.Count));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/jobs/{job.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/jobs/{job.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/jobs/{job.Id}")).StatusCode);
    }

    [Fact]
    public async Task Create_MinimalJob_GetsSersyncDefaults()
    {
        var job = await CreateJobAsync("minimal");

        Assert.Equal(["createFolder", "closeWrite", "moveFrom", "moveTo", "delete"], job.Events);
        Assert.Equal(("-artuz", 20, true, true, true, (int?)null), (job.RsyncParams, job.CoalescingDelayMs, job.DeleteEnabled, job.IgnoreTempFiles, job.Enabled, job.RetryIntervalMinutes));
    }

    [Theory]
    [InlineData("""{"watchPath":"WATCH"}""", "name")]
    [InlineData("""{"name":"x1","watchPath":"relative/path"}""", "watchPath")]
    [InlineData("""{"name":"x2","watchPath":"/no/such/dir/anywhere"}""", "watchPath")]
    [InlineData("""{"name":"x3","watchPath":"WATCH","excludeRegexes":["ok","(unclosed"]}""", "excludeRegexes")]
    [InlineData("""{"name":"x4","watchPath":"WATCH","events":["closeWrite","explode"]}""", "events")]
    [InlineData("""{"name":"x5","watchPath":"WATCH","remoteIds":[99999]}""", "remoteIds")]
    [InlineData("""{"name":"x6","watchPath":"WATCH","fullSyncCron":"every day"}""", "fullSyncCron")]
    [InlineData("""{"name":"x7","watchPath":"WATCH","fullSyncCron":"0 0 3 * * ?","fullSyncIntervalMinutes":60}""", "fullSyncCron")]
    [InlineData("""{"name":"x8","watchPath":"WATCH","rsyncParams":"-az /etc"}""", "rsyncParams")]
    [InlineData("""{"name":"x9","watchPath":"WATCH","maxBatchPaths":0}""", "maxBatchPaths")]
    public async Task Create_InvalidField_Returns400NamingItAndSavesNothing(string json, string field)
    {
        var before = await CountJobsAsync();

        var response = await client.PostAsync("/api/jobs", Json(json.Replace("WATCH", watched.Path)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {errors}");
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
        Assert.Equal(before, await CountJobsAsync());
    }

    [Fact]
    public async Task Create_BadRegex_ErrorCarriesTheRegexEngineMessage()
    {
        var response = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "regex", WatchPath = watched.Path, ExcludeRegexes = ["[a-"] });

        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("[a-", problem);
        Assert.Contains("Unterminated [] set", problem);
    }

    [Fact]
    public async Task Create_DuplicateNameDifferentCase_Returns400OnName()
    {
        await CreateJobAsync("Duplicate");

        var response = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "duplicate", WatchPath = watched.Path });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"name\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Update_InvalidRequest_LeavesStoredJobUntouched()
    {
        var remote = await CreateRemoteAsync("keep-remote");
        var job = await CreateJobAsync("keep me", [remote]);

        var response = await client.PutAsJsonAsync($"/api/jobs/{job.Id}",
            new JobRequest { Name = "renamed", WatchPath = watched.Path, RemoteIds = [], ExcludeRegexes = ["ok", "("] });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stored = (await client.GetFromJsonAsync<JobResponse>($"/api/jobs/{job.Id}"))!;
        Assert.Equal(("keep me", 1), (stored.Name, stored.RemoteIds.Count));
    }

    [Fact]
    public async Task Update_UnknownId_Returns404()
    {
        var response = await client.PutAsJsonAsync("/api/jobs/424242", new JobRequest { Name = "ghost", WatchPath = watched.Path });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JobResponse> CreateJobAsync(string name, IReadOnlyList<int>? remoteIds = null)
    {
        var response = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = name, WatchPath = watched.Path, RemoteIds = remoteIds });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JobResponse>())!;
    }

    [Fact]
    public async Task FullSyncUsesLiveExcludes_DefaultsToTrueWhenNotGiven_AndFalseIsKept()
    {
        var created = await client.PostAsync("/api/jobs", Json($$"""{"name":"live excludes default","watchPath":{{JsonSerializer.Serialize(watched.Path)}}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = (await created.Content.ReadFromJsonAsync<JobResponse>())!;
        Assert.True(job.FullSyncUsesLiveExcludes);

        var off = await client.PutAsJsonAsync($"/api/jobs/{job.Id}", new JobRequest { Name = job.Name, WatchPath = watched.Path, FullSyncUsesLiveExcludes = false });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await client.GetFromJsonAsync<JobResponse>($"/api/jobs/{job.Id}"))!.FullSyncUsesLiveExcludes);
    }

    private async Task<int> CreateRemoteAsync(string name)
    {
        var response = await client.PostAsJsonAsync("/api/remotes", new RemoteRequest { Name = name, Host = "127.0.0.1", ModuleOrPath = "backup" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RemoteResponse>())!.Id;
    }

    private async Task<int> CountJobsAsync() => (await client.GetFromJsonAsync<List<JobResponse>>("/api/jobs"))!.Count;

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static readonly IEqualityComparer<JobResponse?> JobComparer = EqualityComparer<JobResponse?>.Create(
        (a, b) => JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b));
}
