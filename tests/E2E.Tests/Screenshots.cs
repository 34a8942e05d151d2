using Microsoft.Playwright;

namespace SyncConsole.E2E.Tests;

/// <summary>Test artifacts: full-page screenshots under TestResults/screenshots/ at the repository root (test.sh keeps them).</summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(E2EHostFactory.RepositoryRoot, "TestResults", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }
}
