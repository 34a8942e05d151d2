using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Notifications;

/// <summary>
/// An outage from start to end through the real host: a real rsync daemon stopped and started, alerts to a real SMTP
/// server (aiosmtpd, with AUTH) and a real HTTP listener, the host restarted in the middle of the outage. Exactly one
/// alert and one recovery per channel.
/// </summary>
public sealed class AlertEndToEndTests
{
    private const string SmtpPassword = "e2e-smtp-pass-41";

    [SkippableFact]
    public async Task RemoteDown_OneAlertPerChannel_NoneAgainDuringTheOutageOrAfterARestart_ThenOneRecovery()
    {
        Smtp.SkipUnlessAvailable();
        await using var smtp = await SmtpServerFixture.StartAsync("alerts", SmtpPassword);
        using var listener = new WebhookListener();
        using var data = new TempDirectory("syncconsole-alerts");
        var first = new AlertsFactory { SharedDataDirectory = data.Path };
        var scenario = await HostScenario.StartAsync(first);
        AlertsFactory? second = null;
        try
        {
            var client = scenario.Client;
            // The outage rule at once (N = 0 minutes); the other rules keep their defaults and must stay quiet.
            var rules = await client.PutAsJsonAsync("/api/notifications/rules", new[] { new AlertRuleDto { Kind = "remoteUnreachable", Enabled = true, Minutes = 0 } });
            Assert.Equal(HttpStatusCode.OK, rules.StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/notifications/channels", new NotificationChannelRequest
            {
                Name = "ops mail", Kind = "email", SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, SmtpSecurity = "none", SmtpUser = "alerts",
                SmtpPassword = SmtpPassword, From = "syncconsole@example.test", To = ["ops@example.test"],
            })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/notifications/channels", new NotificationChannelRequest
            {
                Name = "ops hook", Kind = "webhook", Url = listener.BaseUrl + "/alerts",
            })).StatusCode);

            var remote = await scenario.CreateRemoteAsync("alert-target");
            var job = await scenario.CreateJobAsync(new JobRequest { Name = "alerting", RemoteIds = [remote], RsyncParams = "-artuz" });
            await Eventually.TrueAsync(() => Status(scenario, job).Result.Health == JobHealth.Healthy, "healthy before the outage", 30);
            Assert.Empty(smtp.Messages());
            Assert.Empty(listener.Requests);

            await scenario.Daemon.StopAsync();
            File.WriteAllText(scenario.Local("during.txt"), "written while the daemon is down");

            await Eventually.TrueAsync(() => smtp.Messages().Count >= 1 && listener.Requests.Count >= 1, "the alert by e-mail and webhook", 60);
            var alert = Assert.Single(smtp.Messages());
            Assert.StartsWith("[SyncConsole] ALERT: remote 'alert-target' unreachable", alert.Subject);
            Assert.Contains("refused", alert.TextBody, StringComparison.OrdinalIgnoreCase);
            var hook = JsonDocument.Parse(Assert.Single(listener.Requests).Body).RootElement;
            Assert.Equal("alert", hook.GetProperty("event").GetString());
            Assert.Equal("remoteUnreachable", hook.GetProperty("kind").GetString());
            Assert.Equal(remote, hook.GetProperty("remoteId").GetInt32());

            // The outage goes on through many evaluations (every 0.5 s) and auto-heal probes: nothing more.
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.Single(smtp.Messages());
            Assert.Single(listener.Requests);

            // A restart during the outage: the incident is stored, so the new host does not alert it again.
            first.Dispose();
            second = new AlertsFactory { SharedDataDirectory = data.Path };
            scenario.UseFactory(second);
            await scenario.WaitWatchingAsync(job);
            await Eventually.TrueAsync(() => Status(scenario, job).Result.Remotes.Single().Reachability == SyncConsole.Engine.Running.Reachability.Unreachable,
                "unreachable again after the restart", 30);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Single(smtp.Messages());
            Assert.Single(listener.Requests);

            await scenario.Daemon.StartAsync();

            await Eventually.TrueAsync(() => smtp.Messages().Count >= 2 && listener.Requests.Count >= 2, "the recovery by e-mail and webhook", 60);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var mails = smtp.Messages();
            Assert.Equal(2, mails.Count);
            Assert.Equal("[SyncConsole] RECOVERED: remote 'alert-target' unreachable", mails[1].Subject);
            Assert.Equal(2, listener.Requests.Count);
            Assert.Equal("recovery", JsonDocument.Parse(listener.Requests[1].Body).RootElement.GetProperty("event").GetString());

            var incidents = await scenario.Client.GetFromJsonAsync<List<AlertIncidentResponse>>("/api/notifications/incidents", HostScenario.Json);
            var incident = Assert.Single(incidents!);
            Assert.Equal(("remoteUnreachable", true), (incident.Kind, incident.RecoveryNotified));
            Assert.NotNull(incident.ClosedAt);
            Assert.All(second.Logs.Lines.Concat(first.Logs.Lines), l => Assert.DoesNotContain(SmtpPassword, l));
        }
        finally
        {
            await scenario.DisposeAsync();
            second?.Dispose();
            first.Dispose();
        }
    }

    private static async Task<JobStatusResponse> Status(HostScenario scenario, int job) =>
        (await scenario.Client.GetFromJsonAsync<JobStatusResponse>($"/api/jobs/{job}/status", HostScenario.Json))!;
}
