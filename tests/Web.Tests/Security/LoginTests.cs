using System.Net;
using System.Net.Http.Json;
using SyncConsole.Web.Api;

namespace SyncConsole.Web.Tests.Security;

public sealed class LoginTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task RootPage_Anonymous_RedirectsToLogin()
    {
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task LoginPage_Anonymous_RendersFormWithAntiforgeryToken()
    {
        using var client = factory.CreateAnonymousClient();

        var html = await client.GetStringAsync("/login");

        Assert.Contains("action=\"account/login\"", html);
        Assert.NotEmpty(SyncConsoleFactory.AntiforgeryToken(html));
    }

    [Fact]
    public async Task Login_CorrectPassword_RedirectsToReturnUrlAndOpensPagesAndApi()
    {
        using var client = factory.CreateAnonymousClient();

        var response = await SyncConsoleFactory.PostLoginAsync(client, "admin", SyncConsoleFactory.AdminPassword, "/settings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/settings", response.Headers.Location!.OriginalString);
        var settings = await client.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Contains("Change password", await settings.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task Login_WrongPassword_RedirectsBackWithVisibleError()
    {
        using var client = factory.CreateAnonymousClient();

        var response = await SyncConsoleFactory.PostLoginAsync(client, "admin", "wrong password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?", response.Headers.Location!.OriginalString);
        Assert.Contains("Wrong user name or password", await client.GetStringAsync(response.Headers.Location));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task Login_UnknownUser_IsRefused()
    {
        using var client = factory.CreateAnonymousClient();

        var response = await SyncConsoleFactory.PostLoginAsync(client, "root", SyncConsoleFactory.AdminPassword);

        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_Returns400()
    {
        using var client = factory.CreateAnonymousClient();
        await client.GetStringAsync("/login");

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin",
            ["Password"] = SyncConsoleFactory.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task Login_OffSiteReturnUrl_RedirectsHomeInstead()
    {
        using var client = factory.CreateAnonymousClient();

        var response = await SyncConsoleFactory.PostLoginAsync(client, "admin", SyncConsoleFactory.AdminPassword, "//evil.example/");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/jobs", "/jobs")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData(null, "/")]
    public void SafeReturnUrl_Input_KeepsOnlyLocalPaths(string? input, string expected) =>
        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(input));

    [Fact]
    public async Task Logout_LoggedIn_EndsTheSession()
    {
        using var client = await factory.CreateLoggedInClientAsync();
        var page = await client.GetStringAsync("/settings");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SyncConsoleFactory.AntiforgeryToken(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task CookieSession_ApiCall_UsesCookieWithoutApiKey()
    {
        using var client = await factory.CreateLoggedInClientAsync();

        var jobs = await client.GetFromJsonAsync<List<object>>("/api/jobs");

        Assert.NotNull(jobs);
    }
}
