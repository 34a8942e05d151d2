using Microsoft.Playwright;

namespace SyncConsole.E2E.Tests;

/// <summary>
/// Debian's chromium driven by Playwright's bundled node driver (never <c>playwright install</c>): one browser per
/// test class, a fresh context (cookies, storage) per test.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserSession> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            });
            return new BrowserSession(playwright, browser);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            // Playwright's message carries chromium's stderr ("Browser logs:"); keep all of it in the failure.
            throw new InvalidOperationException("chromium did not start: " + e.Message, e);
        }
    }

    /// <summary>A laptop-sized context with its own cookies; <paramref name="baseUrl"/> makes relative GotoAsync work.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseUrl, int width = 1366, int height = 900) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
