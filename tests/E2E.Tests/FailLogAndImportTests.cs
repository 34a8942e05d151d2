using System.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.FailLog;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Remotes;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SyncConsole.E2E.Tests;

/// <summary>
/// The Fail log and Import pages in a real headless chromium against the real host and a real rsync daemon: an outage
/// shows up as a pending entry that the Retry button resolves once the daemon is back; a confxml.xml uploaded on the
/// Import page is only reported until confirmed, then appears on the Jobs page. Screenshots land in TestResults/screenshots/.
/// </summary>
public sealed class FailLogAndImportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };
    private E2EScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await E2EScenario.StartAsync("syncconsole-e2e-faillog", autoHeal: false);

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task FailLog_DaemonDownThenRetried_ShowsPendingEntryThenResolvesIt()
    {
        // Setup through the same stores the API uses; the pages are what is under test.
        var jobId = await CreateJobAsync("faillog-job");
        var supervisor = scenario.Host.Services.GetRequiredService<JobSupervisor>();
        await Eventually.TrueAsync(() => supervisor.GetStatus(jobId)?.State == JobState.Watching, "the job watching", 30);
        await File.WriteAllTextAsync(Path.Combine(scenario.Watched.Path, "before.txt"), "delivered while the daemon runs");
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(scenario.Daemon.ModulePath, "before.txt")), "before.txt on the daemon", 30);

        await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        var page = await context.NewPageAsync();
        await LoginAsync(page);
        await page.GotoInteractiveAsync("/faillog");
        await Expect(page.TestId("faillog-empty")).ToBeVisibleAsync(Slow);

        // The daemon goes away: the next change fails and the open page shows the entry live.
        await scenario.Daemon.StopAsync();
        await File.WriteAllTextAsync(Path.Combine(scenario.Watched.Path, "during-outage.txt"), "waits in the fail log");
        var pending = page.Locator("[data-testid=faillog-state][data-state=pending]");
        await Expect(pending).ToBeVisibleAsync(Slow);
        var entry = (await scenario.Host.Services.GetRequiredService<FailLogService>().ListAsync(FailLogState.Pending, jobId, null, 1, 10, CancellationToken.None)).Items.Single();
        Assert.NotEqual(0, entry.ExitCode);
        await Expect(page.TestId("faillog-exit").First).ToContainTextAsync($"{entry.ExitCode}: {entry.ExitMeaning}");
        await Expect(page.TestId("faillog-job-name").First).ToHaveTextAsync("faillog-job");
        await page.TestId("faillog-paths-toggle").First.ClickAsync();
        await Expect(page.TestId("faillog-paths")).ToContainTextAsync("during-outage.txt");
        await Screenshots.SaveAsync(page, "faillog-pending");

        // Back up: Retry on the row delivers the file and the row turns resolved.
        await scenario.Daemon.StartAsync();
        await page.Locator($"[data-testid=faillog-actions][data-entry-id='{entry.Id}'] [data-testid=faillog-retry]").ClickAsync();
        await Expect(page.Locator($"[data-testid=faillog-state][data-entry-id='{entry.Id}'][data-state=resolved]")).ToBeVisibleAsync(Slow);
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Retry succeeded" })).ToBeVisibleAsync(Slow);
        Assert.True(File.Exists(Path.Combine(scenario.Daemon.ModulePath, "during-outage.txt")));
        Assert.Equal("waits in the fail log", await File.ReadAllTextAsync(Path.Combine(scenario.Daemon.ModulePath, "during-outage.txt")));

        // The state filter narrows the table: resolved shows it, pending no longer does.
        await page.TestId("faillog-state-pending").ClickAsync();
        await Expect(page.TestId("faillog-state-pending")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.TestId("faillog-empty")).ToBeVisibleAsync(Slow);
        await page.TestId("faillog-state-resolved").ClickAsync();
        await Expect(page.TestId("faillog-state-resolved")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator($"[data-testid=faillog-state][data-entry-id='{entry.Id}'][data-state=resolved]")).ToBeVisibleAsync(Slow);
        await Screenshots.SaveAsync(page, "faillog-resolved");
    }

    [Fact]
    public async Task Import_UploadedConfxml_ReportsThenCreatesJobOnlyOnConfirm()
    {
        var confxml = Path.Combine(scenario.Watched.Path, "..", $"e2e-confxml-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(confxml, Confxml(scenario.Watched.Path, scenario.Daemon));
        try
        {
            await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
            var page = await context.NewPageAsync();
            await LoginAsync(page);
            await page.GotoInteractiveAsync("/import");
            var fileInput = page.Locator("[data-testid=import-upload] input[type=file], input[type=file]").First;

            // Too large: a clear message, no report.
            await fileInput.SetInputFilesAsync(new FilePayload { Name = "huge.xml", MimeType = "application/xml", Buffer = new byte[(1 << 20) + 1] });
            await Expect(page.TestId("import-upload-error")).ToContainTextAsync("over the 1 MiB limit", new() { Timeout = 20_000 });
            await Expect(page.TestId("import-report")).ToHaveCountAsync(0);

            // The dry run: report and summary, the remote flagged as needing a password.
            await fileInput.SetInputFilesAsync(confxml);
            await Expect(page.TestId("import-summary")).ToBeVisibleAsync(Slow);
            await Expect(page.TestId("import-report")).ToBeVisibleAsync();
            await Expect(page.TestId("import-item-severity").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=import-remote]").First).ToContainTextAsync("127.0.0.1");
            await Expect(page.TestId("import-needs-password")).ToContainTextAsync("needs a password");
            await Expect(page.TestId("import-summary")).ToContainTextAsync(scenario.Watched.Path);

            // A name override re-runs the dry run under that name.
            var name = page.Input("import-job-name");
            await name.FillAsync("e2e-imported");
            await name.PressAsync("Tab");
            await Expect(page.TestId("import-summary")).ToContainTextAsync("e2e-imported", new() { Timeout = 20_000 });
            await Expect(page.TestId("import-confirm")).ToBeEnabledAsync();
            await Screenshots.SaveAsync(page, "import-dry-run");
            Assert.Empty(await scenario.Host.Services.GetRequiredService<JobStore>().ListAsync(CancellationToken.None));

            // Confirm: the job exists and the link leads to it on the Jobs page.
            await page.TestId("import-confirm").ClickAsync();
            await Expect(page.TestId("import-success")).ToContainTextAsync("e2e-imported", new() { Timeout = 20_000 });
            await Screenshots.SaveAsync(page, "import-done");
            var job = Assert.Single(await scenario.Host.Services.GetRequiredService<JobStore>().ListAsync(CancellationToken.None));
            Assert.Equal("e2e-imported", job.Name);
            await page.TestId("import-job-link").ClickAsync();
            await page.WaitForURLAsync(new Uri(scenario.BaseUrl, "/jobs").ToString(), new() { Timeout = 20_000 });
            await Expect(page.Locator("[data-testid=job-actions][data-job-name='e2e-imported']")).ToBeVisibleAsync(Slow);
        }
        finally
        {
            File.Delete(confxml);
        }
    }

    private async Task<int> CreateJobAsync(string name)
    {
        var remote = await scenario.Host.Services.GetRequiredService<RemoteStore>().CreateAsync(new RemoteRequest
        {
            Name = "faillog-daemon", Host = "127.0.0.1", ModuleOrPath = scenario.Daemon.ModuleName, User = scenario.Daemon.User, Password = scenario.Daemon.Password,
            Port = scenario.Daemon.Port, TimeoutSeconds = 10,
        }, CancellationToken.None);
        Assert.Null(remote.Errors);
        var job = await scenario.Host.Services.GetRequiredService<JobStore>().CreateAsync(new JobRequest
        {
            Name = name, WatchPath = scenario.Watched.Path, RemoteIds = [remote.Value!.Id],
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

    // A sersync 2.5 file for the daemon, auth on with a password file the upload may not read: the remote needs a password.
    private static string Confxml(string watch, RsyncDaemonFixture daemon) => new TestConfxml
    {
        Watch = watch, Remotes = [("127.0.0.1", daemon.ModuleName)], Auth = true, Users = daemon.User,
        PasswordFile = "/nonexistent/e2e-rsync.pas", Port = daemon.Port, TimeoutSeconds = 20,
        LiveExcludes = [@"(.*)\.svn"], CrontabMinutes = 600,
    }.ToXml();
}
