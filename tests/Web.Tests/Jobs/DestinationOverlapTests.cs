using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Jobs;

/// <summary>
/// Two jobs on one rsync daemon module (issue #13): a second job whose destination overlaps the first one's is
/// refused, naming the first; given its own folder it delivers there, with delete and an initial full sync, and every
/// file of the first job survives. Real daemon, <c>-artuz</c>.
/// </summary>
public sealed class DestinationOverlapTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;
    private readonly TempDirectory secondWatched = new("syncconsole-second");

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);

    public async Task DisposeAsync()
    {
        await scenario.DisposeAsync();
        secondWatched.Dispose();
    }

    [Fact]
    public async Task SecondJob_OverlappingTheFirst_IsRefusedNamingIt_InItsOwnFolder_DeliversThere_AndTheFirstKeepsEveryFile()
    {
        var shared = await scenario.CreateRemoteAsync("shared module");
        // A second remote row for the very same endpoint: the rule compares where rsync writes, not remote ids.
        var sameEndpoint = await scenario.CreateRemoteAsync("same module, other row");
        for (var i = 0; i < 40; i++) WriteFile(scenario.Local($"pages/p{i}.html"), $"site a {i}");
        var siteA = await scenario.CreateJobAsync(new JobRequest
        {
            Name = "site-a", RsyncParams = "-artuz", InitialFullSync = true, Targets = [new JobTarget { RemoteId = shared, Destination = "a/" }],
        });
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Remote("a")), "site-a delivered into a/", 30);

        for (var i = 0; i < 3; i++) WriteFile(Path.Combine(secondWatched.Path, $"b{i}.txt"), $"site b {i}");
        var siteB = new JobRequest
        {
            Name = "site-b", WatchPath = secondWatched.Path, RsyncParams = "-artuz", DeleteEnabled = true, InitialFullSync = true,
        };

        // At the module root (remoteIds, the older shape): it would contain a/ and its --delete would empty it.
        var atRoot = await ProblemAsync(await scenario.Client.PostAsJsonAsync("/api/jobs", siteB with { RemoteIds = [sameEndpoint] }), "remoteIds");
        Assert.Contains("job 'site-a'", atRoot);
        Assert.Contains("e.g. 'site-b'", atRoot);
        // Inside a/, and a/ itself.
        foreach (var inside in new[] { "a/b", "a" })
        {
            var nested = await ProblemAsync(await scenario.Client.PostAsJsonAsync("/api/jobs",
                siteB with { Targets = [new JobTarget { RemoteId = shared, Destination = inside }] }), "targets");
            Assert.Contains("job 'site-a'", nested);
        }
        Assert.Single(await scenario.Client.GetFromJsonAsync<List<JobResponse>>("/api/jobs", HostScenario.Json) ?? []);

        var created = await scenario.Client.PostAsJsonAsync("/api/jobs", siteB with { Targets = [new JobTarget { RemoteId = sameEndpoint, Destination = "site-b" }] });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var b = (await created.Content.ReadFromJsonAsync<JobResponse>(HostScenario.Json))!;
        Assert.Equal("site-b", Assert.Single(b.Targets).Destination);
        await scenario.WaitWatchingAsync(b.Id);
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(secondWatched.Path, scenario.Remote("site-b")), "site-b's full sync into site-b/", 30);

        // Realtime changes of B, a delete among them, stay in B's folder.
        WriteFile(Path.Combine(secondWatched.Path, "new/live.txt"), "live");
        File.Delete(Path.Combine(secondWatched.Path, "b0.txt"));
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(secondWatched.Path, scenario.Remote("site-b")), "site-b's realtime changes", 30);

        TreeAssert.Identical(scenario.Watched.Path, scenario.Remote("a"));
        Assert.Equal(["a", "site-b"], Directory.EnumerateFileSystemEntries(scenario.Daemon.ModulePath).Select(p => Path.GetFileName(p)).Order().ToArray());
        var runs = await scenario.InDb(db => db.SyncRuns.Where(r => r.JobId == b.Id).Select(r => r.CommandLine).ToListAsync());
        Assert.All(runs, line => Assert.Contains($"::{scenario.Daemon.ModuleName}/site-b", line));
        Assert.NotEqual(siteA, b.Id);
    }

    [Fact]
    public async Task FirstJobAtTheRoot_RefusesASecondInAnyFolder_SayingWhy_AndKeepsItsFiles()
    {
        var remote = await scenario.CreateRemoteAsync("root module");
        for (var i = 0; i < 10; i++) WriteFile(scenario.Local($"f{i}.txt"), $"root {i}");
        await scenario.CreateJobAsync(new JobRequest { Name = "root-job", RsyncParams = "-artuz", InitialFullSync = true, RemoteIds = [remote] });
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Daemon.ModulePath), "root-job delivered", 30);

        WriteFile(Path.Combine(secondWatched.Path, "x.txt"), "x");
        var problem = await ProblemAsync(await scenario.Client.PostAsJsonAsync("/api/jobs", new JobRequest
        {
            Name = "other", WatchPath = secondWatched.Path, InitialFullSync = true, Targets = [new JobTarget { RemoteId = remote, Destination = "other" }],
        }), "targets");

        Assert.Contains("job 'root-job'", problem);
        Assert.Contains("uses the root", problem);
        TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
    }

    [Theory]
    [InlineData("/abs", "relative")]
    [InlineData("a/../b", "normalised")]
    [InlineData("a//b", "normalised")]
    [InlineData("it's", "quotes")]
    [InlineData("tab\there", "control")]
    public async Task BadDestination_Is400NamingTargets_AndNothingIsSaved(string destination, string expected)
    {
        var remote = await scenario.CreateRemoteAsync($"bad dest {Guid.NewGuid():N}");
        var problem = await ProblemAsync(await scenario.Client.PostAsJsonAsync("/api/jobs", new JobRequest
        {
            Name = "bad", WatchPath = scenario.Watched.Path, Targets = [new JobTarget { RemoteId = remote, Destination = destination }],
        }), "targets");
        Assert.Contains(expected, problem);
        Assert.Empty(await scenario.Client.GetFromJsonAsync<List<JobResponse>>("/api/jobs", HostScenario.Json) ?? []);
    }

    [Fact]
    public async Task OnlyRemoteIds_OnUpdate_KeepsTheStoredFolder_AndTargetsMustMatchRemoteIds()
    {
        var remote = await scenario.CreateRemoteAsync("keep");
        var request = new JobRequest { Name = "keeper", Targets = [new JobTarget { RemoteId = remote, Destination = "kept/here" }] };
        var id = await scenario.CreateJobAsync(request);

        var updated = await scenario.Client.PutAsJsonAsync($"/api/jobs/{id}", new JobRequest { Name = "keeper", WatchPath = scenario.Watched.Path, RemoteIds = [remote] });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("kept/here", Assert.Single((await updated.Content.ReadFromJsonAsync<JobResponse>(HostScenario.Json))!.Targets).Destination);

        var mismatch = await scenario.Client.PutAsJsonAsync($"/api/jobs/{id}", request with { WatchPath = scenario.Watched.Path, RemoteIds = [] });
        Assert.Contains("different remotes", await ProblemAsync(mismatch, "targets"));
    }

    [Fact]
    public async Task LinksThatAlreadyOverlap_FromBeforeTheRule_ShowAWarningNamingTheOtherJob()
    {
        var remote = await scenario.CreateRemoteAsync("legacy");
        var a = await scenario.CreateJobAsync(new JobRequest { Name = "legacy-a", Targets = [new JobTarget { RemoteId = remote, Destination = "a" }] });
        WriteFile(Path.Combine(secondWatched.Path, "x.txt"), "x");
        var created = await scenario.Client.PostAsJsonAsync("/api/jobs", new JobRequest
        {
            Name = "legacy-b", WatchPath = secondWatched.Path, Enabled = false, Targets = [new JobTarget { RemoteId = remote, Destination = "b" }],
        });
        var b = (await created.Content.ReadFromJsonAsync<JobResponse>(HostScenario.Json))!.Id;
        // What the migration leaves when two jobs shared a module before: both at the root.
        await scenario.InDb(db => db.JobRemotes.ExecuteUpdateAsync(u => u.SetProperty(jr => jr.Destination, "")));

        var status = await scenario.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{a}/status");
        var warning = Assert.Single(status.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!), w => w.Contains("overlaps"));
        Assert.Contains("overlaps job 'legacy-b' on remote 'legacy'", warning);
        Assert.Contains("deletes of one may remove the other's files", warning);
        await Eventually.TrueAsync(() =>
        {
            var s = scenario.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{a}/status").Result;
            return s.GetProperty("health").GetString() == "degraded"
                   && s.GetProperty("healthReasons").EnumerateArray().Any(r => r.GetString()!.Contains("overlaps job 'legacy-b'"));
        }, "job a degraded by the overlap", 20);
        var other = await scenario.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{b}/status");
        Assert.Contains(other.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("overlaps job 'legacy-a'"));
    }

    private static void WriteFile(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>The 400's messages for <paramref name="field"/>, joined.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {errors}");
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }
}
