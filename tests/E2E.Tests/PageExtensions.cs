using Microsoft.Playwright;

namespace SyncConsole.E2E.Tests;

public static class PageExtensions
{
    /// <summary>Waits for the marker the layout renders only after its first interactive render: clicks now reach the circuit.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    public static async Task GotoInteractiveAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    public static ILocator TestId(this IPage page, string id) => page.Locator($"[data-testid='{id}']");

    /// <summary>The input inside a MudBlazor field that carries <paramref name="id"/> (Mud puts user attributes on the wrapper or the input).</summary>
    public static ILocator Input(this IPage page, string id) =>
        page.Locator($"input[data-testid='{id}'], textarea[data-testid='{id}'], [data-testid='{id}'] input, [data-testid='{id}'] textarea").First;
}
