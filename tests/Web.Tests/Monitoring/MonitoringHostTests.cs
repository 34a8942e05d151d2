using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Monitoring;

/// <summary>
/// A real job in the real host (inotify, rsync to a loopback daemon, SQLite): metrics move as it syncs, runs are
/// listed, a command plugin runs after delivery, /readyz follows the jobs.
/// </summary>
public sealed class MonitoringHostTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private readonly TempDirectory scripts = new("syncconsole-monscript");
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);

    public async Task DisposeAsync()
    {
        await scenario.DisposeAsync();
        scripts.Dispose();
    }

    private async Task<(int Job, int Remote)> CreateJobAsync(string name)
    {
        var remoteId = await scenario.CreateRemoteAsync(name + " remote");
        return (await scenario.CreateJobAsync(new JobRequest { Name = name, RemoteIds = [remoteId] }), remoteId);
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await scenario.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    private static double Value(string metrics, string series)
    {
        var m = Regex.Match(metrics, "^" + Regex.Escape(series) + @" (\S+)$", RegexOptions.Multiline);
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public async Task Metrics_RealSync_CountersMoveAndRunsAreListed()
    {
        var (job, remote) = await CreateJobAsync("metrics job");
        var series = $"{{job_id=\"{job}\",remote_id=\"{remote}\"";
        var before = await ScrapeAsync();
        Assert.Contains("# TYPE syncconsole_rsync_runs_total counter", before);
        Assert.Contains("syncconsole_fail_log_entries{state=\"pending\"}", before);
        Assert.Contains($"syncconsole_job_up{{job_id=\"{job}\"}} 1", before);
        Assert.Contains("syncconsole_inotify_max_user_watches ", before);

        File.WriteAllText(scenario.Local("measured.txt"), new string('x', 5000));
        await Eventually.TrueAsync(() => File.Exists(scenario.Remote("measured.txt")), "file delivered");

        string after = "";
        await Eventually.TrueAsync(() =>
        {
            after = ScrapeAsync().Result;
            return Value(after, $"syncconsole_rsync_runs_total{series},result=\"success\"}}") > Value(before, $"syncconsole_rsync_runs_total{series},result=\"success\"}}");
        }, "a successful run counted");
        Assert.True(Value(after, $"syncconsole_events_total{{job_id=\"{job}\"}}") > Value(before, $"syncconsole_events_total{{job_id=\"{job}\"}}"));
        Assert.True(Value(after, $"syncconsole_batches_total{series}}}") >= 1);
        Assert.True(Value(after, $"syncconsole_delivered_bytes_total{series}}}") > Value(before, $"syncconsole_delivered_bytes_total{series}}}"));
        Assert.True(Value(after, $"syncconsole_delivered_files_total{series}}}") > Value(before, $"syncconsole_delivered_files_total{series}}}"));
        Assert.True(Value(after, $"syncconsole_inotify_watches{{job_id=\"{job}\"}}") >= 1);

        var page = await scenario.Client.GetFromJsonAsync<JsonElement>($"/api/runs?jobId={job}&remoteId={remote}&kind=realtime&pageSize=1");
        Assert.Equal(1, page.GetProperty("pageSize").GetInt32());
        Assert.True(page.GetProperty("total").GetInt32() >= 1);
        var runId = page.GetProperty("items")[0].GetProperty("id").GetInt64();
        var run = await scenario.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        Assert.Contains("rsync", run.GetProperty("commandLine").GetString());
        Assert.DoesNotContain(scenario.Daemon.Password, run.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Client.GetAsync("/api/runs/999999999")).StatusCode);
    }

    [Fact]
    public async Task Runs_List_ItemsCarryTheCommandLineButNeverThePassword()
    {
        var (job, remote) = await CreateJobAsync("runs list job");
        File.WriteAllText(scenario.Local("listed.txt"), "listed");
        await Eventually.TrueAsync(() => scenario.RemoteHas("listed.txt", "listed"), "file delivered");
        await Eventually.TrueAsync(() => scenario.Client.GetFromJsonAsync<JsonElement>($"/api/runs?jobId={job}").Result.GetProperty("total").GetInt32() > 0, "a run listed");

        var response = await scenario.Client.GetAsync($"/api/runs?jobId={job}&remoteId={remote}");

        var text = await response.Content.ReadAsStringAsync();
        var item = JsonDocument.Parse(text).RootElement.GetProperty("items")[0];
        var commandLine = item.GetProperty("commandLine").GetString()!;
        Assert.StartsWith("rsync ", commandLine);
        Assert.Contains($"{scenario.Daemon.User}@127.0.0.1::{scenario.Daemon.ModuleName}", commandLine);
        Assert.Contains("--password-file=", commandLine); // the password travels in a 0600 file, not in argv
        Assert.DoesNotContain(scenario.Daemon.Password, text);
        Assert.False(item.TryGetProperty("stderrTail", out _)); // the detail's field, not the list's
        var detail = await scenario.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{item.GetProperty("id").GetInt64()}");
        Assert.Equal(commandLine, detail.GetProperty("commandLine").GetString());
        Assert.True(detail.TryGetProperty("stderrTail", out _));
    }

    [Fact]
    public async Task Runs_BadQuery_ProblemNamesTheField()
    {
        var response = await scenario.Client.GetAsync("/api/runs?kind=sideways&pageSize=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task CommandPlugin_InTheHost_RunsAfterDeliveryWithThePath()
    {
        var (job, _) = await CreateJobAsync("plugin job");
        var script = Path.Combine(scripts.Path, "hook.sh");
        var log = Path.Combine(scripts.Path, "hook.log");
        File.WriteAllText(script, $"#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{log}'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var put = await scenario.Client.PutAsJsonAsync($"/api/jobs/{job}/plugins", new object[] { new { kind = "command", settings = new { prefix = script } } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        // The plugin change restarts the job.
        await Eventually.TrueAsync(() => scenario.State(job).Result == "watching", "job watching again");
        await Task.Delay(500);

        File.WriteAllText(scenario.Local("hooked.txt"), "x");

        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllLines(log).Contains(scenario.Local("hooked.txt")), "the command ran for the file");
        Assert.True(File.Exists(scenario.Remote("hooked.txt")));
    }

    [Fact]
    public async Task Readyz_FollowsTheJobs_AndRevealsOnlyACount()
    {
        using var anonymous = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/readyz")).StatusCode);
        var monitor = scenario.Client; // the API key: only /healthz is public
        var gone = new TempDirectory("syncconsole-readyz");
        var remoteId = await scenario.CreateRemoteAsync("readyz remote");
        var created = await scenario.Client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "readyz job", WatchPath = gone.Path, RemoteIds = [remoteId] });
        var jobId = (await created.Content.ReadFromJsonAsync<JobResponse>())!.Id;
        await Eventually.TrueAsync(() => monitor.GetAsync("/readyz").Result.StatusCode == HttpStatusCode.OK, "ready while the job watches");

        gone.Dispose(); // the watch folder disappears: the job is in error

        await Eventually.TrueAsync(() => monitor.GetAsync("/readyz").Result.StatusCode == HttpStatusCode.ServiceUnavailable, "unavailable");
        var body = await (await monitor.GetAsync("/readyz")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unavailable", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("failing").GetInt32());
        Assert.DoesNotContain("readyz", body.GetRawText());
        await scenario.Client.DeleteAsync($"/api/jobs/{jobId}");
        await Eventually.TrueAsync(() => monitor.GetAsync("/readyz").Result.StatusCode == HttpStatusCode.OK, "ready again");
    }

    [Fact]
    public async Task Metrics_WithoutCredentials_Returns401()
    {
        using var anonymous = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
    }
}
