using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Notifications;
using SyncConsole.Web.Remotes;
using static Microsoft.Playwright.Assertions;

namespace SyncConsole.E2E.Tests;

/// <summary>
/// Issue 17's alerts in a real headless chromium: an e-mail channel added on Settings → Notifications, its Send test
/// received by a real SMTP server (aiosmtpd on loopback); then a real rsync daemon outage gives one alert e-mail and
/// one webhook to a real HTTP listener, and its end one recovery each.
/// </summary>
public sealed class AlertNotificationTests : IAsyncLifetime
{
    private E2EScenario scenario = null!;

    public async Task InitializeAsync() =>
        scenario = await E2EScenario.StartAsync("syncconsole-e2e-alerts", settings: new Dictionary<string, string> { ["SyncConsole:Alerts:IntervalSeconds"] = "0.5" });

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [SkippableFact]
    public async Task EmailChannelAddedInTheBrowser_SendTestArrives_ThenAnOutageIsOneAlertAndOneRecoveryPerChannel()
    {
        Skip.If(!SmtpServerFixture.Available && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")),
            "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd): skipped");
        await using var smtp = await SmtpServerFixture.StartAsync();
        using var listener = new WebhookListener();
        var services = scenario.Host.Services;

        await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#password", E2EHostFactory.AdminPassword);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(new Uri(scenario.BaseUrl, "/").ToString());
        await page.GotoInteractiveAsync("/settings");
        await page.TestId("settings-notifications").ClickAsync();
        await page.WaitForURLAsync(new Uri(scenario.BaseUrl, "/settings/notifications").ToString());
        await page.WaitForInteractiveAsync();

        await page.TestId("channel-new").ClickAsync();
        await page.Input("channel-name").FillAsync("ops mail");
        await page.Input("channel-smtp-host").FillAsync("127.0.0.1");
        await page.Input("channel-smtp-port").FillAsync(smtp.Port.ToString());
        await page.Input("channel-from").FillAsync("syncconsole@example.test");
        await page.Input("channel-to").FillAsync("ops@example.test");
        // Security: the test server speaks plain SMTP.
        await page.Locator("[role=combobox][aria-label=Security]").ClickAsync();
        await page.Locator("[role=option]", new() { HasText = "None" }).First.ClickAsync(new() { Timeout = 10_000 });
        // The list closes in the same server round trip that takes the choice: Save before that would save the default.
        await Expect(page.Locator("[role=option]", new() { HasText = "None" }).First).ToBeHiddenAsync(new() { Timeout = 10_000 });
        await page.TestId("channel-save").ClickAsync();
        var row = page.Locator("[data-testid=channel-row][data-channel-name='ops mail']");
        await Expect(row).ToContainTextAsync($"ops@example.test via 127.0.0.1:{smtp.Port} (none)", new() { Timeout = 15_000 });

        await row.Locator("[data-testid=channel-test]").ClickAsync();
        await Expect(row.Locator("[data-testid=channel-test-result]")).ToHaveAttributeAsync("data-ok", "true", new() { Timeout = 30_000 });
        Assert.Equal("[SyncConsole] test notification", Assert.Single(smtp.Messages()).Subject);

        // The webhook and the rule through the same services the page uses.
        var store = services.GetRequiredService<NotificationStore>();
        Assert.Null((await store.CreateAsync(new NotificationChannelRequest { Name = "ops hook", Kind = "webhook", Url = listener.BaseUrl + "/alerts" }, CancellationToken.None)).Errors);
        Assert.Null((await store.SaveRulesAsync([new AlertRuleDto { Kind = "remoteUnreachable", Enabled = true, Minutes = 0 }], CancellationToken.None)).Errors);
        await page.GotoInteractiveAsync("/settings/notifications");
        await Expect(page.Locator("[data-testid=channel-row]")).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(page, "settings-notifications");

        var jobId = await CreateJobAsync(services);
        await Eventually.TrueAsync(() => services.GetRequiredService<JobSupervisor>().GetStatus(jobId)?.Remotes.SingleOrDefault()?.Reachability == Reachability.Reachable,
            "the remote reached", 30);
        await scenario.Daemon.StopAsync();
        await File.WriteAllTextAsync(Path.Combine(scenario.Watched.Path, "during.txt"), "written during the outage");

        await Eventually.TrueAsync(() => smtp.Messages().Count >= 2 && listener.Requests.Count >= 1, "the alert e-mail and webhook", 60);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(2, smtp.Messages().Count);
        Assert.StartsWith("[SyncConsole] ALERT: remote 'alert-daemon' unreachable", smtp.Messages()[1].Subject);
        Assert.Equal("alert", JsonDocument.Parse(Assert.Single(listener.Requests).Body).RootElement.GetProperty("event").GetString());

        await scenario.Daemon.StartAsync();

        await Eventually.TrueAsync(() => smtp.Messages().Count >= 3 && listener.Requests.Count >= 2, "the recovery e-mail and webhook", 60);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(3, smtp.Messages().Count);
        Assert.Equal("[SyncConsole] RECOVERED: remote 'alert-daemon' unreachable", smtp.Messages()[2].Subject);
        Assert.Equal(2, listener.Requests.Count);
        Assert.Equal("recovery", JsonDocument.Parse(listener.Requests[1].Body).RootElement.GetProperty("event").GetString());
    }

    private async Task<int> CreateJobAsync(IServiceProvider services)
    {
        var remote = await services.GetRequiredService<RemoteStore>().CreateAsync(new RemoteRequest
        {
            Name = "alert-daemon", Host = "127.0.0.1", ModuleOrPath = scenario.Daemon.ModuleName, User = scenario.Daemon.User,
            Password = scenario.Daemon.Password, Port = scenario.Daemon.Port, TimeoutSeconds = 10,
        }, CancellationToken.None);
        Assert.Null(remote.Errors);
        var job = await services.GetRequiredService<JobStore>().CreateAsync(new JobRequest
        {
            Name = "alert-job", WatchPath = scenario.Watched.Path, RsyncParams = "-artuz", RemoteIds = [remote.Value!.Id],
        }, CancellationToken.None);
        Assert.Null(job.Errors);
        return job.Value!.Id;
    }
}
