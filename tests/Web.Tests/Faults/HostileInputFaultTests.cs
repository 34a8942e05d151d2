using System.Net;
using System.Net.Http.Json;
using System.Text;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Faults;

/// <summary>
/// Hostile and broken REST bodies: each gets a 4xx naming the problem and leaves every table byte for byte as
/// it was. (Login throttling, the missing antiforgery token and the hub without auth are covered in
/// Security/LoginThrottleTests, Security/LoginTests and Hubs/EventsHubTests.)
/// </summary>
[Trait("Category", "Fault")]
public sealed class HostileInputFaultTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private readonly TempDirectory watched = new("syncconsole-hostile");
    private readonly HttpClient client = factory.CreateApiClient();
    private int jobId;
    private int remoteId;

    public async Task InitializeAsync()
    {
        // One stored (disabled, so nothing runs and writes sync runs) job and remote that PUTs try to corrupt.
        var remote = await client.PostAsJsonAsync("/api/remotes", new RemoteRequest { Name = $"hostile-{Guid.NewGuid():N}", Host = "127.0.0.1", ModuleOrPath = "backup", Port = 1 });
        Assert.Equal(HttpStatusCode.Created, remote.StatusCode);
        remoteId = (await remote.Content.ReadFromJsonAsync<RemoteResponse>())!.Id;
        var job = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = $"hostile-{Guid.NewGuid():N}", WatchPath = watched.Path, Enabled = false, RemoteIds = [remoteId] });
        Assert.Equal(HttpStatusCode.Created, job.StatusCode);
        jobId = (await job.Content.ReadFromJsonAsync<JobResponse>())!.Id;
    }

    public async Task DisposeAsync()
    {
        await client.DeleteAsync($"/api/jobs/{jobId}");
        await client.DeleteAsync($"/api/remotes/{remoteId}");
        client.Dispose();
        watched.Dispose();
    }

    public static TheoryData<string, string, string?> JobBodies => new()
    {
        // body, the problem, the field the 400 must name (null: a malformed body, any clear 400)
        { """{"name":123,"watchPath":"WATCH"}""", "number for a string", "name" },
        { """{"name":"t1","watchPath":"WATCH","maxBatchPaths":"many"}""", "string for a number", "maxBatchPaths" },
        { """{"name":"t2","watchPath":"WATCH","remoteIds":"1"}""", "string for a list", "remoteIds" },
        { """{"name":"t3","watchPath":["WATCH"]}""", "list for a string", "watchPath" },
        { """{"name":"t4","watchPath":"WATCH",""", "truncated JSON", null },
        { "[]", "array body", null },
        { """{"name":"u1","watchPath":"WATCH","delete":false}""", "an unknown (misspelt) field", "delete" },
        { """{"name":"u2","watchPath":"WATCH","excludeRegex":["x"]}""", "a singular for a plural field", "excludeRegex" },
        { "null", "null body", null },
        { """{"name":"t5","watchPath":"/srv/../etc"}""", "traversal in the watch path", "watchPath" },
        { """{"name":"t6","watchPath":"WATCH/../WATCHNAME"}""", "non-normalised existing watch path", "watchPath" },
        { """{"name":"t7","watchPath":"WATCH/./"}""", "'.' segment", "watchPath" },
        { """{"name":"t8","watchPath":"/srv//www"}""", "an empty segment", "watchPath" },
        { """{"name":"t9","watchPath":"../etc"}""", "relative watch path", "watchPath" },
        { """{"name":"t10","watchPath":"WATCH","rsyncParams":"--rsh=sh -c 'touch /tmp/pwned'"}""", "--rsh", "rsyncParams" },
        { """{"name":"t11","watchPath":"WATCH","rsyncParams":"-e ssh"}""", "-e ssh", "rsyncParams" },
        { """{"name":"t12","watchPath":"WATCH","rsyncParams":"-e"}""", "bare -e", "rsyncParams" },
        { """{"name":"t13","watchPath":"WATCH","rsyncParams":"-ave 'sh -c id'"}""", "combined short flags ending in e", "rsyncParams" },
        { """{"name":"t14","watchPath":"WATCH","rsyncParams":"-avz --rsync-path=/tmp/evil"}""", "--rsync-path", "rsyncParams" },
        { """{"name":"t15","watchPath":"WATCH","rsyncParams":"-a --files-from=/etc/shadow"}""", "--files-from", "rsyncParams" },
        { """{"name":"t16","watchPath":"WATCH","rsyncParams":"-a --rsh ssh"}""", "--rsh as two words", "rsyncParams" },
        { """{"name":"t17","watchPath":"WATCH","rsyncParams":"-a\n--rsh=x"}""", "a second line", "rsyncParams" },
        { """{"name":"t18","watchPath":"WATCH","rsyncParams":"-a --remote-option=--log-file=/etc/x"}""", "--remote-option", "rsyncParams" },
    };

    [Theory]
    [MemberData(nameof(JobBodies))]
    public async Task CreateAndUpdateJob_HostileBody_Returns400AndChangesNothing(string json, string problem, string? field)
    {
        json = json.Replace("WATCHNAME", Path.GetFileName(watched.Path)).Replace("WATCH", watched.Path);
        await AssertRejectedAsync(() => client.PostAsync("/api/jobs", Body(json)), problem, field);
        await AssertRejectedAsync(() => client.PutAsync($"/api/jobs/{jobId}", Body(json)), problem, field);
    }

    public static TheoryData<string, string, string?> RemoteBodies => new()
    {
        { """{"name":7,"host":"127.0.0.1","moduleOrPath":"m"}""", "number for a string", "name" },
        { """{"name":"r0","host":"127.0.0.1","moduleOrPath":"m","secret":"s3cret"}""", "an unknown field", "secret" },
        { """{"name":"r1","host":"127.0.0.1","moduleOrPath":"m","port":"eighty"}""", "a word for a port", "port" },
        { """{"name":"r2","host":"127.0.0.1","moduleOrPath":"backup/../../etc"}""", "traversal in the module", "moduleOrPath" },
        { """{"name":"r3","host":"127.0.0.1","moduleOrPath":"../etc","transport":"ssh"}""", "traversal in the ssh path", "moduleOrPath" },
        { """{"name":"r4","host":"127.0.0.1","moduleOrPath":"/srv/../etc","transport":"ssh"}""", "absolute traversal in the ssh path", "moduleOrPath" },
        { """{"name":"r5","host":"127.0.0.1","moduleOrPath":"m","extraArgs":"--rsh=sh -c id"}""", "--rsh in extra args", "extraArgs" },
        { """{"name":"r6","host":"127.0.0.1","moduleOrPath":"m","extraArgs":"-e ssh"}""", "-e in extra args", "extraArgs" },
        { """{"name":"r7","host":"127.0.0.1","moduleOrPath":"m","extraArgs":"-vae id"}""", "combined flags in extra args", "extraArgs" },
        { """{"name":"r8","host":"127.0.0.1","moduleOrPath":"m","extraArgs":"--rsync-path='sh -c id'"}""", "--rsync-path in extra args", "extraArgs" },
        { """{"name":"r9","host":"127.0.0.1","moduleOrPath":"m","extraArgs":"--files-from=/etc/passwd"}""", "--files-from in extra args", "extraArgs" },
        { """{"name":"r10","host":"-oProxyCommand=id","moduleOrPath":"m","transport":"ssh"}""", "option as a host", "host" },
        { """{"name":"r11","host":"127.0.0.1","moduleOrPath":"-e","transport":"ssh"}""", "option as a path", "moduleOrPath" },
        { """{"name":"r12","host":"127.0.0.1","moduleOrPath":"m","password":"a\nb"}""", "a password with a line break", "password" },
    };

    [Theory]
    [MemberData(nameof(RemoteBodies))]
    public async Task CreateAndUpdateRemote_HostileBody_Returns400AndChangesNothing(string json, string problem, string? field)
    {
        await AssertRejectedAsync(() => client.PostAsync("/api/remotes", Body(json)), problem, field);
        await AssertRejectedAsync(() => client.PutAsync($"/api/remotes/{remoteId}", Body(json)), problem, field);
    }

    [Fact]
    public async Task CreateJobAndRemote_FiveMegabyteBodies_Return413AndChangeNothing()
    {
        var huge = new string('x', 5 * 1024 * 1024);

        // Over the 1 MiB body limit of the JSON API: refused before the body is read into memory.
        foreach (var send in new Func<Task<HttpResponseMessage>>[]
        {
            () => client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = huge, WatchPath = watched.Path }),
            () => client.PutAsJsonAsync($"/api/jobs/{jobId}", new JobRequest { Name = "j", WatchPath = watched.Path, ExcludeRegexes = [huge] }),
            () => client.PostAsJsonAsync("/api/remotes", new RemoteRequest { Name = "big", Host = "127.0.0.1", ModuleOrPath = huge }),
        })
        {
            var before = DatabaseDump.Of(factory.DataDirectory);
            var response = await send();
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.True((await response.Content.ReadAsStringAsync()).Length < 10_000);
            Assert.Equal(before, DatabaseDump.Of(factory.DataDirectory));
        }
    }

    [Fact]
    public async Task CreateJobAndRemote_HalfMegabyteStrings_Return400NamingTheFieldAndChangeNothing()
    {
        // Under the body limit, each field's own bound answers, naming the field.
        var huge = new string('x', 512 * 1024);

        await AssertRejectedAsync(() => client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = huge, WatchPath = watched.Path }), "5 MB name", "name");
        await AssertRejectedAsync(() => client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "big path", WatchPath = "/" + huge }), "5 MB watch path", "watchPath");
        await AssertRejectedAsync(() => client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "big params", WatchPath = watched.Path, RsyncParams = "-a " + huge }), "5 MB rsync params", "rsyncParams");
        await AssertRejectedAsync(() => client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "big regex", WatchPath = watched.Path, ExcludeRegexes = [huge] }), "5 MB regex", "excludeRegexes");
        foreach (var (field, request) in new (string, RemoteRequest)[]
        {
            ("moduleOrPath", new() { Name = "big", Host = "127.0.0.1", ModuleOrPath = huge }),
            ("host", new() { Name = "big", Host = huge, ModuleOrPath = "m" }),
            ("user", new() { Name = "big", Host = "127.0.0.1", ModuleOrPath = "m", User = huge }),
            ("password", new() { Name = "big", Host = "127.0.0.1", ModuleOrPath = "m", Password = huge }),
            ("extraArgs", new() { Name = "big", Host = "127.0.0.1", ModuleOrPath = "m", ExtraArgs = "-v " + huge }),
        })
            await AssertRejectedAsync(() => client.PostAsJsonAsync("/api/remotes", request), $"5 MB {field}", field);
    }

    [Fact]
    public async Task HostileRequests_UnauthenticatedOrWrongKey_Return401AndChangeNothing()
    {
        using var anonymous = factory.CreateAnonymousClient();
        using var wrongKey = factory.CreateApiClient(SyncConsoleFactory.ApiKey.ToUpperInvariant());
        var body = $$"""{"name":"sneaky","watchPath":"{{watched.Path}}"}""";

        foreach (var c in new[] { anonymous, wrongKey })
        {
            var before = DatabaseDump.Of(factory.DataDirectory);
            var responses = new[]
            {
                await c.PostAsync("/api/jobs", Body(body)),
                await c.DeleteAsync($"/api/jobs/{jobId}"),
                await c.PostAsync($"/api/jobs/{jobId}/fullsync", null),
                await c.PostAsync("/api/settings/apikey/regenerate", null),
            };
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{r.RequestMessage!.RequestUri}: {(int)r.StatusCode}"));
            Assert.Equal(before, DatabaseDump.Of(factory.DataDirectory));
        }
    }

    private async Task AssertRejectedAsync(Func<Task<HttpResponseMessage>> send, string problem, string? field, bool allowAnyClientError = false)
    {
        var before = DatabaseDump.Of(factory.DataDirectory);

        var response = await send();

        var text = await response.Content.ReadAsStringAsync();
        if (allowAnyClientError) Assert.True((int)response.StatusCode is >= 400 and < 500, $"{problem}: {(int)response.StatusCode} {Shorten(text)}");
        else Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{problem}: expected 400, got {(int)response.StatusCode} {Shorten(text)}");
        if (field is not null) Assert.True(text.Contains($"\"{field}\"", StringComparison.Ordinal), $"{problem}: the error must name '{field}': {Shorten(text)}");
        Assert.True(text.Length < 100_000, $"{problem}: the error must not echo a huge input ({text.Length} chars)");
        Assert.Equal(before, DatabaseDump.Of(factory.DataDirectory));
    }

    private static string Shorten(string text) => text.Length > 500 ? text[..500] + "…" : text;

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");
}
