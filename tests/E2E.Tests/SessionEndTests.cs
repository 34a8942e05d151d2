using Microsoft.Playwright;
using SyncConsole.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace SyncConsole.E2E.Tests;

/// <summary>
/// Regenerating the API key ends every login session: another browser's open page falls back to the login page
/// (its circuit re-checks the session stamp), while the Settings page that made the change stays usable.
/// </summary>
public sealed class SessionEndTests : IAsyncLifetime
{
    private E2EScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await E2EScenario.StartAsync("syncconsole-e2e-session");

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private async Task<IPage> LoggedInPageAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.FillAsync("#password", E2EHostFactory.AdminPassword);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(new Uri(scenario.BaseUrl, path).ToString());
        await page.WaitForInteractiveAsync();
        return page;
    }

    [Fact]
    public async Task RegenerateApiKey_OtherBrowsersOpenPage_GoesToLogin_TheActingPageStays()
    {
        await using var adminContext = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        await using var otherContext = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        var settings = await LoggedInPageAsync(adminContext, "/settings");
        var other = await LoggedInPageAsync(otherContext, "/jobs");

        await settings.Locator("button", new() { HasText = "Regenerate" }).ClickAsync();
        await Expect(settings.Locator("#api-key")).Not.ToContainTextAsync("•");

        // The revalidation interval plus some slack.
        var timeout = (float)(SessionRevalidatingStateProvider.Interval.TotalMilliseconds + 15_000);
        await other.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/login"), new() { Timeout = timeout });
        // The acting page's circuit has re-checked by now too (one more interval), and kept its page.
        await Task.Delay(SessionRevalidatingStateProvider.Interval);
        Assert.EndsWith("/settings", settings.Url);
        await Expect(settings.Locator("#api-key")).Not.ToContainTextAsync("•");
        // A reload is a new request with the old cookie: login again.
        await settings.ReloadAsync();
        await Expect(settings).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }
}
