using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Outage;

/// <summary>
/// A remote outage told as it is, and healed by itself: the real host, a real rsync daemon stopped and started, the
/// job on sersync's default params (-artuz). Nobody clicks Retry and nothing is written after the daemon is back.
/// </summary>
public sealed class OutageStatusTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private Task<JobStatusResponse?> StatusAsync(int job) => scenario.Client.GetFromJsonAsync<JobStatusResponse>($"/api/jobs/{job}/status", HostScenario.Json);

    private static double Metric(string metrics, string series)
    {
        var m = Regex.Match(metrics, "^" + Regex.Escape(series) + @" (\S+)$", RegexOptions.Multiline);
        Assert.True(m.Success, $"{series} missing from /metrics");
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task DaemonDown_StatusAndMetricsShowTheOutage_ThenAutoHealMakesTreesIdenticalWithoutAClickOrAWrite()
    {
        var remote = await scenario.CreateRemoteAsync("outage-heal");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "outage heal", RemoteIds = [remote], RsyncParams = "-artuz" });
        await Eventually.TrueAsync(() => StatusAsync(job).Result!.Health == JobHealth.Healthy, "healthy once the start-up sync reached the daemon", 30);

        await scenario.Daemon.StopAsync();
        Directory.CreateDirectory(scenario.Local("during"));
        for (var i = 0; i < 5; i++) File.WriteAllText(scenario.Local($"during/file{i}.txt"), $"written while the daemon was down {i}");

        JobStatusResponse status = null!;
        await Eventually.TrueAsync(() =>
        {
            status = StatusAsync(job).Result!;
            return status.Remotes.Single().FailLogPaths > 0 && status.Remotes.Single().PendingPaths == 0;
        }, "the outage's changes in the fail log", 60);
        var r = status.Remotes.Single();
        Assert.Equal(Reachability.Unreachable, r.Reachability);
        Assert.NotNull(r.UnreachableSince);
        Assert.Contains("refused", r.UnreachableReason, StringComparison.OrdinalIgnoreCase);
        Assert.True(r.UndeliveredPaths >= 1 && r.OldestUndeliveredAt is not null, $"undelivered {r.UndeliveredPaths}, oldest {r.OldestUndeliveredAt}");
        Assert.Equal(JobHealth.Degraded, status.Health);
        Assert.Contains(status.HealthReasons, h => h.Contains("outage-heal") && h.Contains("unreachable since"));
        var metrics = await scenario.Client.GetStringAsync("/metrics");
        Assert.Equal(1, Metric(metrics, $"syncconsole_remote_reachability{{job_id=\"{job}\",remote_id=\"{remote}\",state=\"unreachable\"}}"));
        Assert.Equal(1, Metric(metrics, $"syncconsole_job_health{{job_id=\"{job}\",health=\"degraded\"}}"));
        // The outage's writes reach the fail log batch by batch (a lone change goes at once), so the count can still grow
        // between two reads: the metric must agree with a status read right after it.
        await Eventually.TrueAsync(async () =>
        {
            var undelivered = Metric(await scenario.Client.GetStringAsync("/metrics"), $"syncconsole_undelivered_paths{{job_id=\"{job}\",remote_id=\"{remote}\"}}");
            return undelivered >= 1 && undelivered == (await StatusAsync(job))!.Remotes.Single().UndeliveredPaths;
        }, "the undelivered metric equal to the status", 30);
        Assert.True(Metric(metrics, $"syncconsole_remote_unreachable_since_timestamp_seconds{{job_id=\"{job}\",remote_id=\"{remote}\"}}") > 0);

        await scenario.Daemon.StartAsync();

        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Daemon.ModulePath), "trees identical by auto-heal alone", 30);
        await Eventually.TrueAsync(() => !scenario.InDb(db => db.FailLog.AnyAsync(f => f.JobId == job && (f.State == FailLogState.Pending || f.State == FailLogState.Retrying))).Result,
            "no open fail-log entry", 30);
        await Eventually.TrueAsync(() => StatusAsync(job).Result!.Health == JobHealth.Healthy, "healthy again", 30);
        // The reconcile that follows the heal (its guard's dry run, then the run) is pending for a moment: wait it out.
        RemoteStatusResponse healed = null!;
        await Eventually.TrueAsync(() => (healed = StatusAsync(job).Result!.Remotes.Single()).UndeliveredPaths == 0, "nothing undelivered", 30);
        Assert.Equal((Reachability.Reachable, 0), (healed.Reachability, healed.UndeliveredPaths));
    }

    [Fact]
    public async Task JobWithoutRemote_IsDegradedAndSaysWhatHappensToItsChanges()
    {
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "outage no remote", RemoteIds = [], RsyncParams = "-artuz" });

        var status = (await StatusAsync(job))!;

        Assert.Equal(JobHealth.Degraded, status.Health);
        var reason = Assert.Single(status.HealthReasons);
        Assert.Contains("no remote", reason);
        Assert.Contains("delivered nowhere", reason);
        Assert.Contains(scenario.Events(job), e => e.Kind == SyncConsole.Engine.Events.EngineEventKind.JobWarning && e.Message!.Contains("no remote"));
    }
}
