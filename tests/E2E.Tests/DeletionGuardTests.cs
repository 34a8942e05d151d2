using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Remotes;
using static Microsoft.Playwright.Assertions;

namespace SyncConsole.E2E.Tests;

/// <summary>
/// The deletion guard in a real headless chromium: a job whose folder was emptied while it was paused resumes with a
/// held reconcile; the dashboard card says why, and Confirm deletes (after its dialog) runs the full sync that empties
/// the remote. Screenshots land in TestResults/screenshots/.
/// </summary>
public sealed class DeletionGuardTests : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };
    private E2EScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await E2EScenario.StartAsync("syncconsole-e2e-guard");

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task HeldReconcile_IsShownOnTheDashboard_AndConfirmDeletesEmptiesTheRemote()
    {
        for (var i = 0; i < 120; i++) await File.WriteAllTextAsync(Path.Combine(scenario.Watched.Path, $"f{i:D3}.txt"), "content " + i);
        var jobs = scenario.Host.Services.GetRequiredService<JobStore>();
        var supervisor = scenario.Host.Services.GetRequiredService<JobSupervisor>();
        var jobId = await CreateJobAsync("guard-job");
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Daemon.ModulePath), "start-up full sync", 30);

        // Emptied while paused: the resumed job's reconcile would delete all 120 remote files.
        await jobs.SetPausedAsync(jobId, paused: true, CancellationToken.None);
        await Eventually.TrueAsync(() => supervisor.GetStatus(jobId) is null, "the job stopped", 20);
        foreach (var f in Directory.GetFiles(scenario.Watched.Path)) File.Delete(f);
        await jobs.SetPausedAsync(jobId, paused: false, CancellationToken.None);
        await Eventually.TrueAsync(() => supervisor.GetStatus(jobId)?.Remotes.Any(r => r.HeldRun is not null) == true, "the reconcile held", 30);

        await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#password", E2EHostFactory.AdminPassword);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(new Uri(scenario.BaseUrl, "/").ToString());
        await page.WaitForInteractiveAsync();

        var card = page.Locator($"[data-testid=job-card][data-job-id='{jobId}']");
        await Expect(card.Locator("[data-testid=job-state]")).ToHaveTextAsync("Held: deletes need confirming", new() { Timeout = 30_000 });
        await Expect(card.Locator("[data-testid=held-run-message]")).ToContainTextAsync("would delete 120 of 120 remote entries", new() { Timeout = 30_000 });
        await Expect(card.Locator("[data-testid=held-run-message]")).ToContainTextAsync("the watch folder is empty");
        await Screenshots.SaveAsync(page, "deletion-guard-held");
        Assert.Equal(120, Directory.GetFiles(scenario.Daemon.ModulePath).Length);

        // Confirm asks first; keeping the hold changes nothing.
        await card.Locator("[data-testid=held-confirm]").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Keep holding" }).ClickAsync();
        await Expect(card.Locator("[data-testid=held-run]")).ToBeVisibleAsync();
        Assert.Equal(120, Directory.GetFiles(scenario.Daemon.ModulePath).Length);

        await card.Locator("[data-testid=held-confirm]").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Delete on the remote" }).ClickAsync();

        await Eventually.TrueAsync(() => Directory.GetFiles(scenario.Daemon.ModulePath).Length == 0, "the confirmed full sync deleted", 30);
        TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
        await Expect(card.Locator("[data-testid=held-run]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(card.Locator("[data-testid=job-state]")).Not.ToHaveTextAsync("Held: deletes need confirming", new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "deletion-guard-confirmed");
    }

    private async Task<int> CreateJobAsync(string name)
    {
        var remote = await scenario.Host.Services.GetRequiredService<RemoteStore>().CreateAsync(new RemoteRequest
        {
            Name = "guard-daemon", Host = "127.0.0.1", ModuleOrPath = scenario.Daemon.ModuleName, User = scenario.Daemon.User, Password = scenario.Daemon.Password,
            Port = scenario.Daemon.Port, TimeoutSeconds = 10,
        }, CancellationToken.None);
        Assert.Null(remote.Errors);
        var job = await scenario.Host.Services.GetRequiredService<JobStore>().CreateAsync(new JobRequest
        {
            Name = name, WatchPath = scenario.Watched.Path, RemoteIds = [remote.Value!.Id], RsyncParams = "-artuz",
        }, CancellationToken.None);
        Assert.Null(job.Errors);
        return job.Value!.Id;
    }
}
