using System.Net;
using System.Net.Http.Json;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Components;

/// <summary>The prerendered HTML of the Blazor pages, served by the real host to a logged-in browser session.</summary>
public sealed class PagesTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task Dashboard_WithAJob_ListsItWithItsWatchPath()
    {
        using var watched = new TempDirectory("syncconsole-watch");
        using var api = factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "dashboard job", WatchPath = watched.Path })).StatusCode);
        using var browser = await factory.CreateLoggedInClientAsync();

        var html = await browser.GetStringAsync("/");

        Assert.Contains("dashboard job", html);
        Assert.Contains(watched.Path, html);
    }

    [Theory]
    [InlineData("/jobs", "Jobs")]
    [InlineData("/remotes", "Remotes")]
    [InlineData("/faillog", "Fail log")]
    [InlineData("/history", "History")]
    [InlineData("/import", "Import")]
    [InlineData("/settings", "API key")]
    public async Task NavPage_LoggedIn_RendersInsideLayoutWithNav(string path, string text)
    {
        using var browser = await factory.CreateLoggedInClientAsync();

        var html = await browser.GetStringAsync(path);

        Assert.Contains(text, html);
        Assert.Contains("href=\"settings\"", html);
        Assert.Contains("_content/MudBlazor/MudBlazor.min", html);
    }

    [Theory]
    [InlineData("/css/app.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task StaticAsset_Anonymous_IsServedFromRootWwwrootAndPackages(string path)
    {
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AppCss_Served_IsTheFileInTheRepositoryRootWwwroot()
    {
        using var client = factory.CreateAnonymousClient();

        var served = await client.GetStringAsync("/css/app.css");

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(SyncConsoleFactory.RepositoryRoot, "wwwroot", "css", "app.css")), served);
    }
}
