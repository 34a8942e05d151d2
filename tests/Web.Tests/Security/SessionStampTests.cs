using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Tests.Security;

/// <summary>A copy of the login cookie taken before a logout, password change or API key regeneration stops working.</summary>
public sealed class SessionStampTests(FirstStartFactory factory) : IClassFixture<FirstStartFactory>
{
    private string Password => File.ReadAllText(Path.Combine(factory.DataDirectory, "initial-admin-password")).Trim();

    /// <summary>Logs in and returns the raw cookie, as someone who copied it from the browser would hold it.</summary>
    private async Task<string> LoginCookieAsync(string? password = null)
    {
        using var client = factory.CreateAnonymousClient();
        var login = await SyncConsoleFactory.PostLoginAsync(client, "admin", password ?? Password);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        return string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("SyncConsole.Auth", StringComparison.Ordinal)));
    }

    /// <summary>Sends the copied cookie (and the app's own Origin, as a browser page would) without keeping any new cookie.</summary>
    private async Task<HttpStatusCode> WithCookieAsync(string cookie, string url = "/api/jobs")
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task CopiedCookie_AfterLogout_IsRefused()
    {
        var copied = await LoginCookieAsync();
        using var browser = await factory.CreateLoggedInClientAsync(Password);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(copied));
        var page = await browser.GetStringAsync("/settings");

        var logout = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SyncConsoleFactory.AntiforgeryToken(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(copied));
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(copied, "/settings"));
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(await LoginCookieAsync()));
    }

    [Fact]
    public async Task CopiedCookie_AfterPasswordChange_IsRefused()
    {
        var copied = await LoginCookieAsync();
        using var api = factory.CreateApiClient(factory.Services.GetRequiredService<ApiKeyStore>().CurrentKey);
        var old = Password;
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(copied));

        var change = await api.PostAsJsonAsync("/api/settings/password", new { currentPassword = old, newPassword = "session stamp test pw" });

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(copied));
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(await LoginCookieAsync("session stamp test pw")));
        // The initial password file is gone after a change; put the password back for the other tests of this class.
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync("/api/settings/password", new { currentPassword = "session stamp test pw", newPassword = old })).StatusCode);
        await File.WriteAllTextAsync(Path.Combine(factory.DataDirectory, "initial-admin-password"), old + "\n");
    }

    [Fact]
    public async Task CopiedCookie_AfterApiKeyRegeneration_IsRefused()
    {
        var copied = await LoginCookieAsync();
        using var api = factory.CreateApiClient(factory.Services.GetRequiredService<ApiKeyStore>().CurrentKey);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(copied));

        var regenerated = await api.PostAsync("/api/settings/apikey/regenerate", null);

        Assert.Equal(HttpStatusCode.OK, regenerated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(copied));
    }

    [Fact]
    public async Task Cookie_WithoutStamp_IsRefused()
    {
        // A cookie signed by the app's own keys but issued without a stamp (as before stamps existed) is not enough.
        var stamps = factory.Services.GetRequiredService<SessionStampStore>();
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "admin")], AuthSchemes.Cookie));

        Assert.False(stamps.IsCurrent(principal));
        Assert.False(stamps.Matches(null));
        Assert.True(stamps.Matches(stamps.Current));
    }
}
