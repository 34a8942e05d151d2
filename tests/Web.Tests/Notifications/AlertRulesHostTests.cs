using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Notifications;

/// <summary>The other rules through the real host and a real rsync daemon, told to a real HTTP listener: one alert, one recovery.</summary>
public sealed class AlertRulesHostTests(AlertsFactory factory) : IClassFixture<AlertsFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;
    private readonly WebhookListener listener = new();
    private int channelId;

    public async Task InitializeAsync()
    {
        scenario = await HostScenario.StartAsync(factory);
        var response = await scenario.Client.PostAsJsonAsync("/api/notifications/channels", new NotificationChannelRequest
        {
            Name = $"rules hook {Guid.NewGuid():N}", Kind = "webhook", Url = listener.BaseUrl + "/rules",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        channelId = (await response.Content.ReadFromJsonAsync<NotificationChannelResponse>(HostScenario.Json))!.Id;
    }

    public async Task DisposeAsync()
    {
        await scenario.Client.DeleteAsync($"/api/notifications/channels/{channelId}");
        await scenario.DisposeAsync();
        listener.Dispose();
    }

    private List<JsonElement> Received(string kind, int job) => listener.Requests
        .Select(r => JsonDocument.Parse(r.Body).RootElement)
        .Where(e => e.TryGetProperty("kind", out var k) && k.GetString() == kind && e.TryGetProperty("jobId", out var j) && j.GetInt32() == job).ToList();

    private async Task RuleAtOnceAsync(string kind) =>
        Assert.Equal(HttpStatusCode.OK, (await scenario.Client.PutAsJsonAsync("/api/notifications/rules", new[] { new AlertRuleDto { Kind = kind, Enabled = true, Minutes = 0 } })).StatusCode);

    [Fact]
    public async Task VerifyFindsDifferences_OneAlert_ThenAVerifyInSync_OneRecovery()
    {
        await RuleAtOnceAsync("verifyDifferences");
        var remote = await scenario.CreateRemoteAsync("verify-alert");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "verify alert", RemoteIds = [remote], RsyncParams = "-artuz" });
        File.WriteAllText(scenario.Local("a.txt"), "version 1");
        await Eventually.TrueAsync(() => scenario.RemoteHas("a.txt", "version 1"), "delivered");
        // Every run for that write has finished (a second close event's run would put "version 1" back).
        await Eventually.TrueAsync(() => scenario.Client.GetFromJsonAsync<JobStatusResponse>($"/api/jobs/{job}/status", HostScenario.Json).Result!
            .Remotes.All(r => !r.Busy && r.PendingPaths == 0), "idle");
        await Task.Delay(TimeSpan.FromSeconds(1));

        File.WriteAllText(scenario.Remote("a.txt"), "changed on the remote behind the job's back");
        Assert.Equal(HttpStatusCode.OK, (await scenario.Client.PostAsync($"/api/jobs/{job}/verify", null)).StatusCode);

        await Eventually.TrueAsync(() => Received("verifyDifferences", job).Count >= 1, "the verify alert", 30);
        var alert = Assert.Single(Received("verifyDifferences", job));
        Assert.Equal("alert", alert.GetProperty("event").GetString());
        Assert.Contains("verify of job 'verify alert' found differences on remote 'verify-alert'", alert.GetProperty("subject").GetString());
        // Verified again with the same difference: the same incident, no second alert.
        var again = await scenario.Client.PostAsync($"/api/jobs/{job}/verify", null);
        Assert.True(again.StatusCode == HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(Received("verifyDifferences", job));

        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Client.PostAsync($"/api/jobs/{job}/make-identical", null)).StatusCode);
        await Eventually.TrueAsync(() => scenario.RemoteHas("a.txt", "version 1"), "repaired");
        Assert.Equal(HttpStatusCode.OK, (await scenario.Client.PostAsync($"/api/jobs/{job}/verify", null)).StatusCode);

        await Eventually.TrueAsync(() => Received("verifyDifferences", job).Count >= 2, "the verify recovery", 30);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var all = Received("verifyDifferences", job);
        Assert.Equal(["alert", "recovery"], all.Select(e => e.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task WatchFolderGone_JobErrorAlertsOnce_ThenRecoversWhenItIsBack()
    {
        await RuleAtOnceAsync("jobError");
        var remote = await scenario.CreateRemoteAsync("error-alert");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "error alert", RemoteIds = [remote], RsyncParams = "-artuz" });

        Directory.Delete(scenario.Watched.Path, recursive: true);

        await Eventually.TrueAsync(() => Received("jobError", job).Count >= 1, "the job error alert", 60);
        var alert = Assert.Single(Received("jobError", job));
        Assert.Contains("job 'error alert' in error", alert.GetProperty("subject").GetString());
        Assert.Contains(scenario.Watched.Path, alert.GetProperty("text").GetString());

        Directory.CreateDirectory(scenario.Watched.Path);
        await scenario.WaitWatchingAsync(job);

        await Eventually.TrueAsync(() => Received("jobError", job).Count >= 2, "the job error recovery", 60);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(["alert", "recovery"], Received("jobError", job).Select(e => e.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task HeldRun_OneDeletionAlert_NotAlsoAJobError_ThenConfirmRecovers()
    {
        await RuleAtOnceAsync("deletionHeld");
        await RuleAtOnceAsync("jobError");
        for (var i = 0; i < 5; i++) File.WriteAllText(scenario.Local($"f{i}.txt"), "content " + i);
        var remote = await scenario.CreateRemoteAsync("held-alert");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "held alert", RemoteIds = [remote], RsyncParams = "-artuz" });
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Daemon.ModulePath), "start-up full sync", 30);
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.PostAsync($"/api/jobs/{job}/pause", null)).StatusCode);
        await Eventually.TrueAsync(() => scenario.State(job).Result == "paused", "paused", 10);
        foreach (var f in Directory.GetFiles(scenario.Watched.Path)) File.Delete(f);
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.PostAsync($"/api/jobs/{job}/resume", null)).StatusCode);

        await Eventually.TrueAsync(() => Received("deletionHeld", job).Count >= 1, "the held-run alert", 60);
        var alert = Assert.Single(Received("deletionHeld", job));
        Assert.Contains("deletion guard held a run of job 'held alert' to remote 'held-alert'", alert.GetProperty("subject").GetString());
        Assert.Contains("Would delete 5 of 5 remote entries", alert.GetProperty("text").GetString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(Received("deletionHeld", job));
        Assert.Empty(Received("jobError", job));

        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Client.PostAsync($"/api/jobs/{job}/held-run/confirm", null)).StatusCode);

        await Eventually.TrueAsync(() => Received("deletionHeld", job).Count >= 2, "the held-run recovery", 60);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(["alert", "recovery"], Received("deletionHeld", job).Select(e => e.GetProperty("event").GetString()));
        Assert.Empty(Received("jobError", job));
    }

    [Fact]
    public async Task UndeliveredChangesInTheFailLog_OneAlert_ThenRecoveredWhenDelivered()
    {
        await RuleAtOnceAsync("failLogStale");
        var remote = await scenario.CreateRemoteAsync("stale-alert");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "stale alert", RemoteIds = [remote], RsyncParams = "-artuz" });
        await scenario.Daemon.StopAsync();
        File.WriteAllText(scenario.Local("late.txt"), "waits in the fail log");

        await Eventually.TrueAsync(() => Received("failLogStale", job).Count >= 1, "the fail-log alert", 60);
        var alert = Assert.Single(Received("failLogStale", job));
        Assert.Contains("changes of job 'stale alert' not delivered to remote 'stale-alert' (fail log)", alert.GetProperty("subject").GetString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(Received("failLogStale", job));

        await scenario.Daemon.StartAsync();

        await Eventually.TrueAsync(() => Received("failLogStale", job).Count >= 2, "the fail-log recovery after auto-heal", 60);
        Assert.True(scenario.RemoteHas("late.txt", "waits in the fail log"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(["alert", "recovery"], Received("failLogStale", job).Select(e => e.GetProperty("event").GetString()));
    }
}
