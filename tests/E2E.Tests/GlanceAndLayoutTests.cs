using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Engine;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Remotes;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SyncConsole.E2E.Tests;

/// <summary>
/// Issue 17 in a real chromium against the real host and a real rsync daemon: the header badge follows an outage (red)
/// and its end (green), a slow full sync shows its progress moving on the dashboard before it ends, and at a laptop's
/// 1366×900 and a phone's 390×844 no table is wider than its box.
/// </summary>
public sealed class GlanceAndLayoutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private E2EScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await E2EScenario.StartAsync("syncconsole-e2e-glance");

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task HeaderBadge_RedDuringARemoteOutage_GreenAfter()
    {
        await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        var page = await context.NewPageAsync();
        await LoginAsync(page);
        await CreateJobAsync("glance-job", scenario.Watched.Path, await CreateRemoteAsync("glance-daemon"));
        var badge = page.TestId("health-badge");
        await Expect(badge).ToHaveAttributeAsync("data-state", "allgood", new() { Timeout = 30_000 });
        await Expect(badge).ToHaveTextAsync("All good");
        await Screenshots.SaveAsync(page, "badge-all-good");

        await scenario.Daemon.StopAsync();
        await File.WriteAllTextAsync(Path.Combine(scenario.Watched.Path, "during-outage.txt"), "waits");
        await Expect(badge).ToHaveAttributeAsync("data-state", "problems", new() { Timeout = 60_000 });
        await Expect(badge).ToHaveTextAsync("1 problem");
        await Screenshots.SaveAsync(page, "badge-problem");
        await using (var phone = await scenario.Browser.NewContextAsync(scenario.BaseUrl, 390, 844))
        {
            var phonePage = await phone.NewPageAsync();
            await LoginAsync(phonePage);
            await Expect(phonePage.TestId("health-badge")).ToHaveAttributeAsync("data-state", "problems", new() { Timeout = 30_000 });
            await Screenshots.SaveAsync(phonePage, "badge-problem-phone");
        }
        // The badge links to the problem: the job's card.
        await badge.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#job-\\d+$"));

        // The daemon comes back: auto-heal finds it, delivers, and the badge turns green by itself (no reload).
        await scenario.Daemon.StartAsync();
        await Expect(badge).ToHaveAttributeAsync("data-state", "allgood", new() { Timeout = 90_000 });
        await Screenshots.SaveAsync(page, "badge-all-good-again");
        Assert.True(File.Exists(Path.Combine(scenario.Daemon.ModulePath, "glance-job", "during-outage.txt")));
    }

    [Fact]
    public async Task LargeFullSync_ShowsProgressMovingOnTheDashboardBeforeItEnds()
    {
        var random = new Random(17);
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[1024 * 1024];
            random.NextBytes(bytes);
            await File.WriteAllBytesAsync(Path.Combine(scenario.Watched.Path, $"big-{i:00}.bin"), bytes);
        }
        await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        var page = await context.NewPageAsync();
        await LoginAsync(page);
        // 40 MiB at 4 MiB/s: about 10 s of full sync.
        var jobId = await CreateJobAsync("big-job", scenario.Watched.Path, await CreateRemoteAsync("slow-daemon", bandwidthKbps: 4096));

        var progress = page.Locator($"[data-testid=job-card][data-job-id='{jobId}'] [data-testid=remote-progress]");
        await Expect(progress).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var first = int.Parse((await progress.GetAttributeAsync("data-percent"))!);
        var firstBytes = long.Parse((await progress.GetAttributeAsync("data-bytes-done"))!);
        await Screenshots.SaveAsync(page, "progress");
        // The job status API carries the same numbers while it runs.
        var status = await scenario.Host.Services.GetRequiredService<JobStatusQuery>().GetAsync(jobId, CancellationToken.None);
        var remote = Assert.Single(status!.Remotes);
        Assert.NotNull(remote.Progress);
        Assert.Equal("full sync", remote.Progress.Run);
        Assert.StartsWith("Syncing", remote.SyncStateText);

        // Moving: a higher percentage while the bar is still there (the run has not ended).
        await Eventually.TrueAsync(() =>
        {
            var percent = progress.GetAttributeAsync("data-percent", new() { Timeout = 2_000 }).Result;
            return percent is not null && int.Parse(percent) > first;
        }, "the percentage moving", 30);
        var later = long.Parse((await progress.GetAttributeAsync("data-bytes-done"))!);
        output.WriteLine($"progress {first} % ({firstBytes} B) then {await progress.GetAttributeAsync("data-percent")} % ({later} B)");
        Assert.True(later > firstBytes);
        Assert.False(TreeAssert.AreIdentical(scenario.Watched.Path, Path.Combine(scenario.Daemon.ModulePath, "big-job")), "the progress moved before the run ended");
        await Screenshots.SaveAsync(page, "progress-later");

        await Expect(progress).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, Path.Combine(scenario.Daemon.ModulePath, "big-job")), "the tree delivered", 30);
        await Expect(page.Locator($"[data-testid=job-card][data-job-id='{jobId}'] [data-testid=job-state]")).ToHaveTextAsync("Up to date", new() { Timeout = 30_000 });
    }

    [Theory]
    [InlineData(1366, 900, "laptop")]
    [InlineData(390, 844, "phone")]
    public async Task EveryPage_FitsItsBox(int width, int height, string size)
    {
        // Content that used to overflow: a long path, a failing remote (long exit meanings in History and the Fail log).
        var deep = Path.Combine(scenario.Watched.Path, "a-rather-long-folder-name-for-a-website", "assets", "images");
        Directory.CreateDirectory(deep);
        var good = await CreateJobAsync("layout-job", scenario.Watched.Path, await CreateRemoteAsync("layout-daemon"));
        var refused = await CreateRemoteAsync("refused-remote", port: LoopbackPort.Free());
        using var other = new TempDirectory("syncconsole-e2e-layout-other");
        await CreateJobAsync("layout-failing", other.Path, refused);
        await File.WriteAllTextAsync(Path.Combine(deep, "a-long-file-name-that-would-push-a-table-out-of-its-box.html"), "x");
        await File.WriteAllTextAsync(Path.Combine(other.Path, "never-arrives.txt"), "x");
        await Eventually.TrueAsync(() => scenario.Host.Services.GetRequiredService<JobStatusQuery>().GetAsync(good, CancellationToken.None).Result?.SyncState == SyncConsole.Web.Glance.SyncState.UpToDate, "the good job up to date", 30);

        await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl, width, height);
        var page = await context.NewPageAsync();
        await LoginAsync(page);
        foreach (var path in new[] { "/", "/jobs", "/remotes", "/history", "/faillog", "/settings", "/import" })
        {
            await page.GotoInteractiveAsync(path);
            if (path == "/history")
            {
                await Expect(page.TestId("history-job").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
                await page.Locator("[data-testid=history-table] button", new() { HasText = "Command" }).First.ClickAsync();
                await Expect(page.TestId("history-command").First).ToBeVisibleAsync();
            }
            await page.WaitForTimeoutAsync(500);
            var name = "fit-" + size + (path == "/" ? "-dashboard" : "-" + path.Trim('/'));
            await Screenshots.SaveAsync(page, name);
            var problems = await page.EvaluateAsync<string[]>(FitCheck);
            Assert.True(problems.Length == 0, $"{path} at {width}×{height}: " + string.Join("; ", problems));
        }
    }

    [Fact]
    public async Task ChineseBrowser_GetsTheChineseUi_DarkThemeIsRemembered_AndTheFaviconIsServed()
    {
        await CreateJobAsync("zh-job", scenario.Watched.Path, await CreateRemoteAsync("zh-daemon"));
        await using var context = await scenario.Browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = scenario.BaseUrl.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var missing = new List<string>();
        page.Response += (_, r) => { if (r.Status == 404) missing.Add(r.Url); };
        await LoginAsync(page);

        // Chosen from the browser's Accept-Language: the nav, the headings and the states in Chinese.
        await Expect(page.Locator(".mud-nav-link", new() { HasText = "仪表盘" })).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-nav-link", new() { HasText = "失败日志" })).ToBeVisibleAsync();
        await Expect(page.Locator("h4", new() { HasText = "仪表盘" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.TestId("health-badge")).ToHaveTextAsync(new Regex("一切正常|个问题|未知"), new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=job-card] [data-testid=job-state]")).ToHaveTextAsync("已是最新", new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "zh-cn-dashboard");

        // Dark theme: one click, remembered by the browser across a reload.
        var toggle = page.TestId("theme-toggle");
        await Expect(toggle).ToHaveAttributeAsync("data-dark", "false");
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-dark", "true");
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.TestId("theme-toggle")).ToHaveAttributeAsync("data-dark", "true");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-main-content') ?? document.body).backgroundColor");
        var rgb = Regex.Matches(background, "\\d+").Take(3).Select(m => int.Parse(m.Value)).ToArray();
        Assert.True(rgb.Length == 3 && rgb.Sum() < 3 * 90, $"dark background, got {background}");
        await Screenshots.SaveAsync(page, "zh-cn-dark-dashboard");

        // The Jobs and Remotes pages: table headers and buttons in Chinese too.
        await page.GotoAsync("jobs");
        await page.WaitForInteractiveAsync();
        await Expect(page.TestId("job-new")).ToHaveTextAsync("新建任务");
        await Expect(page.Locator("th", new() { HasText = "监控路径" })).ToBeVisibleAsync();
        await Expect(page.TestId("job-fullsync")).ToHaveTextAsync("立即全量同步");
        await page.GotoAsync("remotes");
        await page.WaitForInteractiveAsync();
        await Expect(page.TestId("remote-new")).ToHaveTextAsync("新建远程目标");
        await Expect(page.TestId("remote-test")).ToHaveTextAsync("测试连接");
        await Expect(page.Locator("th", new() { HasText = "连接" })).ToBeVisibleAsync();

        // The favicon is there (no 404 on any page), and the nav links the API reference.
        var favicon = await page.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, favicon.Status);
        Assert.Equal(200, (await page.APIRequest.GetAsync("/favicon.svg")).Status);
        await Expect(page.TestId("nav-api")).ToHaveAttributeAsync("href", "scalar");
        Assert.True(missing.Count == 0, "404s: " + string.Join(", ", missing));
    }

    // Every table no wider than its box, no scrolling table container, no page wider than the window, no feed row
    // taller than a few lines, every table cell inside the window, chart labels readable.
    private const string FitCheck = """
        () => {
          const bad = [];
          const label = e => e.closest('[data-testid]')?.dataset.testid ?? e.className;
          for (const t of document.querySelectorAll('table')) {
            const box = t.parentElement;
            if (t.getBoundingClientRect().width > box.clientWidth + 1) bad.push(`${label(box)}: table ${t.getBoundingClientRect().width} px in ${box.clientWidth} px`);
          }
          for (const c of document.querySelectorAll('.mud-table-container, .mud-simple-table .mud-table-container'))
            if (c.scrollWidth > c.clientWidth + 1) bad.push(`${label(c)}: scrolls ${c.scrollWidth} px in ${c.clientWidth} px`);
          if (document.documentElement.scrollWidth > window.innerWidth + 1) bad.push(`page ${document.documentElement.scrollWidth} px wide in ${window.innerWidth} px`);
          for (const td of document.querySelectorAll('td'))
            if (td.getClientRects().length && td.getBoundingClientRect().right > window.innerWidth + 1) bad.push(`${label(td)}: cell '${td.innerText.slice(0, 40)}' ends at ${td.getBoundingClientRect().right} px`);
          for (const row of document.querySelectorAll('[data-testid=feed-row]'))
            if (row.getBoundingClientRect().height > 160) bad.push(`feed row ${row.getBoundingClientRect().height} px tall`);
          for (const text of document.querySelectorAll('[data-testid=delivery-chart] svg text'))
            // The label as drawn (the SVG scales its units): its box at least as tall as 11 px text's.
            if (text.textContent.trim() && text.getClientRects().length && text.getBoundingClientRect().height < 11) bad.push(`chart label '${text.textContent}' ${text.getBoundingClientRect().height} px tall`);
          return bad;
        }
        """;

    private async Task<int> CreateRemoteAsync(string name, int? bandwidthKbps = null, int? port = null)
    {
        var remote = await scenario.Host.Services.GetRequiredService<RemoteStore>().CreateAsync(new RemoteRequest
        {
            Name = name, Host = "127.0.0.1", ModuleOrPath = scenario.Daemon.ModuleName, User = scenario.Daemon.User,
            Password = scenario.Daemon.Password, Port = port ?? scenario.Daemon.Port, TimeoutSeconds = 10, BandwidthLimitKbps = bandwidthKbps,
        }, CancellationToken.None);
        Assert.Null(remote.Errors);
        return remote.Value!.Id;
    }

    private async Task<int> CreateJobAsync(string name, string watchPath, int remoteId)
    {
        var job = await scenario.Host.Services.GetRequiredService<JobStore>().CreateAsync(new JobRequest
        {
            Name = name, WatchPath = watchPath, RsyncParams = "-artuz",
            Targets = [new JobTarget { RemoteId = remoteId, Destination = name }],
        }, CancellationToken.None);
        Assert.Null(job.Errors);
        return job.Value!.Id;
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
