using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Remotes;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SyncConsole.E2E.Tests;

/// <summary>
/// Issue 12 in a real headless chromium against the real host and a real rsync daemon, with sersync's -artuz: an
/// outage is shown as one on the dashboard (degraded, unreachable, the undelivered count), never green; "make
/// identical" on the Jobs page asks first with the counts from a deep verify and then really repairs the remote.
/// </summary>
public sealed class OutageAndRepairTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string JobName = "outage-job";
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 60_000 };
    private E2EScenario scenario = null!;

    // Auto-heal off: nothing but the make-identical click may repair the remote in this test.
    public async Task InitializeAsync() => scenario = await E2EScenario.StartAsync("syncconsole-e2e-outage", autoHeal: false);

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private string Local(string name) => Path.Combine(scenario.Watched.Path, name);
    private string Remote(string name) => Path.Combine(scenario.Daemon.ModulePath, name);

    [Fact]
    public async Task DaemonDown_DashboardShowsTheOutage_ThenMakeIdenticalConfirmsWithCountsAndRestoresTheRemote()
    {
        var jobId = await CreateJobAsync();
        var supervisor = scenario.Host.Services.GetRequiredService<JobSupervisor>();
        await Eventually.TrueAsync(() => supervisor.GetStatus(jobId)?.State == JobState.Watching, "the job watching", 30);
        await File.WriteAllTextAsync(Local("ledger.txt"), "balance: 100");
        await Eventually.TrueAsync(() => File.Exists(Remote("ledger.txt")), "ledger.txt on the daemon", 30);

        await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        var page = await context.NewPageAsync();
        await LoginAsync(page);
        var badge = page.Locator($"[data-testid=job-card][data-job-id='{jobId}'] [data-testid=job-state]");
        await Expect(badge).ToHaveAttributeAsync("data-health", "healthy", new() { Timeout = 30_000 });

        // The daemon goes away and a change is made: the card says so, with the count, and is not green.
        await scenario.Daemon.StopAsync();
        await File.WriteAllTextAsync(Local("during-outage.txt"), "waits for the remote");
        await Expect(badge).ToHaveAttributeAsync("data-health", "degraded", new() { Timeout = 60_000 });
        await Expect(badge).ToHaveTextAsync("Unreachable");
        await Expect(badge).ToHaveAttributeAsync("data-state", "unreachable");
        var card = page.Locator($"[data-testid=job-card][data-job-id='{jobId}']");
        await Expect(card.Locator("[data-testid=job-remote]")).ToHaveAttributeAsync("data-reachability", "unreachable");
        await Expect(card.Locator("[data-testid=job-remote]")).ToContainTextAsync("unreachable since");
        await Expect(card.Locator("[data-testid=job-undelivered]")).ToContainTextAsync("1", new() { Timeout = 30_000 });
        var reason = card.Locator("[data-testid=job-health-reason]").First;
        await Expect(reason).ToContainTextAsync("1 change(s) not delivered");
        Assert.DoesNotContain(".;", await reason.InnerTextAsync());
        Assert.NotEqual("healthy", await badge.GetAttributeAsync("data-health"));
        await Screenshots.SaveAsync(page, "dashboard-outage");

        // Back up, but the remote was changed behind the engine's back: a newer edit (kept by -u) and a stray file.
        await scenario.Daemon.StartAsync();
        await File.WriteAllTextAsync(Remote("ledger.txt"), "balance: 1000000");
        File.SetLastWriteTimeUtc(Remote("ledger.txt"), DateTime.UtcNow.AddHours(1));
        await File.WriteAllTextAsync(Remote("stray.txt"), "only on the remote");

        // Make identical asks first, with the counts of a deep verify.
        await page.GotoInteractiveAsync("/jobs");
        await page.Locator($"[data-testid=job-actions][data-job-name='{JobName}'] [data-testid=job-make-identical]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync(Slow);
        await Expect(dialog).ToContainTextAsync("overwrites 1 remote file(s) (1 of them kept by the job's own options");
        await Expect(dialog).ToContainTextAsync("creates 1 and deletes 1 remote-only path(s)");
        await Screenshots.SaveAsync(page, "make-identical-confirm");
        Assert.Equal("balance: 1000000", await File.ReadAllTextAsync(Remote("ledger.txt"))); // nothing happens before the click
        await dialog.Locator("button", new() { HasText = "Make identical" }).ClickAsync();

        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Daemon.ModulePath), "the remote restored", 60);
        Assert.Equal("balance: 100", await File.ReadAllTextAsync(Remote("ledger.txt")));
        Assert.False(File.Exists(Remote("stray.txt")));
        await page.GotoInteractiveAsync("/");
        await Expect(badge).ToHaveAttributeAsync("data-health", "healthy", new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(page, "dashboard-restored");
    }

    private async Task<int> CreateJobAsync()
    {
        var remote = await scenario.Host.Services.GetRequiredService<RemoteStore>().CreateAsync(new RemoteRequest
        {
            Name = "outage-daemon", Host = "127.0.0.1", ModuleOrPath = scenario.Daemon.ModuleName, User = scenario.Daemon.User,
            Password = scenario.Daemon.Password, Port = scenario.Daemon.Port, TimeoutSeconds = 10,
        }, CancellationToken.None);
        Assert.Null(remote.Errors);
        var job = await scenario.Host.Services.GetRequiredService<JobStore>().CreateAsync(new JobRequest
        {
            Name = JobName, WatchPath = scenario.Watched.Path, RsyncParams = "-artuz", RemoteIds = [remote.Value!.Id],
        }, CancellationToken.None);
        Assert.Null(job.Errors);
        output.WriteLine($"job #{job.Value!.Id} → remote #{remote.Value.Id} (127.0.0.1:{scenario.Daemon.Port}::{scenario.Daemon.ModuleName})");
        return job.Value.Id;
    }

    private async Task LoginAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#password", E2EHostFactory.AdminPassword);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(new Uri(scenario.BaseUrl, "/").ToString());
        await page.WaitForInteractiveAsync();
    }
}
