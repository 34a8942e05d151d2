using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using SyncConsole.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace SyncConsole.E2E.Tests;

/// <summary>
/// The administrator's whole path in a real headless chromium against the real host on a loopback port and a real
/// rsync daemon: log in, add a remote and test it, add a job, see a written file in the live feed and on the daemon,
/// pause and resume, find the run in History. Screenshots of every page land in TestResults/screenshots/.
/// </summary>
public sealed class DashboardFlowTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string RemoteName = "e2e-daemon";
    private const string JobName = "e2e-job";
    private E2EScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await E2EScenario.StartAsync("syncconsole-e2e-watch");

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task Login_WrongPassword_StaysOnLoginPageWithMessage()
    {
        await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("#login-submit");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await Expect(page.Locator("#password")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "login-failed");
    }

    [Fact]
    public async Task AdminFlow_RemoteJobFileChange_ShowsLiveAndDeliversAndRecordsHistory()
    {
        await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        var page = await context.NewPageAsync();

        // Log in through the login page.
        await page.GotoAsync("/");
        await page.FillAsync("#password", E2EHostFactory.AdminPassword);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(new Uri(scenario.BaseUrl, "/").ToString());
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("#no-jobs")).ToBeVisibleAsync();

        // Add the daemon as a remote and test the connection.
        await page.GotoInteractiveAsync("/remotes");
        await page.TestId("remote-new").ClickAsync();
        await FillAsync(page, "remote-name", RemoteName);
        await FillAsync(page, "remote-host", "127.0.0.1");
        await FillAsync(page, "remote-port", scenario.Daemon.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await FillAsync(page, "remote-module", scenario.Daemon.ModuleName);
        await FillAsync(page, "remote-user", scenario.Daemon.User);
        await FillAsync(page, "remote-password", scenario.Daemon.Password);
        await page.TestId("remote-save").ClickAsync();
        var remoteRow = page.Locator($"[data-testid=remote-actions][data-remote-name='{RemoteName}']");
        await Expect(remoteRow).ToBeVisibleAsync();
        Assert.DoesNotContain(scenario.Daemon.Password, await page.ContentAsync());
        await remoteRow.Locator("[data-testid=remote-test]").ClickAsync();
        var result = page.TestId("remote-test-result");
        await Expect(result).ToHaveAttributeAsync("data-outcome", "Ok", new() { Timeout = 30_000 });
        await Expect(result).ToContainTextAsync("ok");
        await Screenshots.SaveAsync(page, "remotes");

        // Add a job on a temp folder delivering to that remote; try the regex tester on the way.
        await page.GotoInteractiveAsync("/jobs");
        await page.TestId("job-new").ClickAsync();
        await FillAsync(page, "job-name", JobName);
        await FillAsync(page, "job-watchpath", scenario.Watched.Path);
        await page.Locator("[data-testid=job-remotes] label", new() { HasText = RemoteName }).ClickAsync();
        await FillAsync(page, "job-excludes", @".*\.log");
        await FillAsync(page, "job-samples", "app.log\ndocs/readme.txt");
        await Expect(page.Locator("[data-testid=filter-sample][data-excluded=true]")).ToContainTextAsync("app.log");
        await Expect(page.Locator("[data-testid=filter-sample][data-excluded=false]")).ToContainTextAsync("docs/readme.txt");
        await page.Locator(".mud-radio", new() { HasText = "Every N minutes" }).ClickAsync();
        await FillAsync(page, "job-interval", "30");
        await Expect(page.TestId("job-next-fires")).ToContainTextAsync("Next:");
        await Screenshots.SaveAsync(page, "jobs-form");
        await page.TestId("job-save").ClickAsync();
        var jobRow = page.Locator($"[data-testid=job-actions][data-job-name='{JobName}']");
        await Expect(jobRow).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "jobs");

        // The dashboard shows the job running; a written file appears in the live feed and on the scenario.Daemon.
        await page.GotoInteractiveAsync("/");
        var card = page.TestId("job-card");
        await Expect(card.Locator("[data-testid=job-state]")).ToHaveTextAsync("Up to date", new() { Timeout = 30_000 });
        var fileName = $"hello-{Guid.NewGuid():N}.txt";
        var clock = Stopwatch.StartNew();
        await File.WriteAllTextAsync(Path.Combine(scenario.Watched.Path, fileName), "written by the e2e test");
        await Expect(page.Locator("[data-testid=feed-row]", new() { HasText = fileName }).First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        output.WriteLine($"File event visible in the browser feed after {clock.ElapsedMilliseconds} ms");
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(scenario.Daemon.ModulePath, fileName)), "the file on the daemon side", 30);
        await Expect(page.Locator("[data-testid=feed-row]", new() { HasText = "RsyncFinished" }).First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var dashboardShot = await Screenshots.SaveAsync(page, "dashboard");
        PublishReadmeScreenshot(dashboardShot);

        // Pause and resume from the Jobs page.
        await page.GotoInteractiveAsync("/jobs");
        await jobRow.Locator("[data-testid=job-pause]").ClickAsync();
        var state = page.Locator("[data-testid=job-row-state]", new() { HasText = "Paused" });
        await Expect(state).ToBeVisibleAsync();
        await page.GotoInteractiveAsync("/");
        await Expect(card.Locator("[data-testid=job-state]")).ToHaveTextAsync("Paused", new() { Timeout = 20_000 });
        await page.GotoInteractiveAsync("/jobs");
        await jobRow.Locator("[data-testid=job-resume]").ClickAsync();
        // One vocabulary with the dashboard: the resumed job's full sync leaves it "Up to date".
        await Expect(page.Locator("[data-testid=job-row-state]", new() { HasText = "Up to date" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // History lists the run with its rsync command line.
        await page.GotoInteractiveAsync("/history");
        await Expect(page.TestId("history-job").First).ToHaveTextAsync(JobName, new() { Timeout = 20_000 });
        await page.Locator("[data-testid=history-table] button", new() { HasText = "Command" }).First.ClickAsync();
        await Expect(page.TestId("history-command").First).ToContainTextAsync("rsync");
        Assert.DoesNotContain(scenario.Daemon.Password, await page.ContentAsync());
        await Screenshots.SaveAsync(page, "history");

        await page.GotoInteractiveAsync("/settings");
        await Expect(page.TestId("settings-concurrency")).ToBeVisibleAsync();
        await Expect(page.TestId("settings-runs-per-remote")).ToContainTextAsync("2");
        await Screenshots.SaveAsync(page, "settings");

        // The same dashboard on a phone-sized screen.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoInteractiveAsync("/");
        await Expect(page.TestId("job-card")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard-phone");

        // Delete asks first; confirming removes the job.
        await page.GotoInteractiveAsync("/jobs");
        await jobRow.Locator("[data-testid=job-delete]").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Delete" }).ClickAsync();
        await Expect(jobRow).ToHaveCountAsync(0);
    }

    // MudBlazor text and numeric fields bind on change: fill, then leave the field.
    private static async Task FillAsync(IPage page, string testId, string value)
    {
        var input = page.Input(testId);
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    /// <summary>With SYNCCONSOLE_UPDATE_SCREENSHOTS=1 the README's dashboard picture is refreshed (off by default: a test run must not dirty the tree).</summary>
    private void PublishReadmeScreenshot(string path)
    {
        if (Environment.GetEnvironmentVariable("SYNCCONSOLE_UPDATE_SCREENSHOTS") != "1") return;
        var target = Path.Combine(E2EHostFactory.RepositoryRoot, "docs", "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(path, target, overwrite: true);
        output.WriteLine($"Dashboard screenshot: {target}");
    }
}
