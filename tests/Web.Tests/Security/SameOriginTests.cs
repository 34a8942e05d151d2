using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Security;
using SyncConsole.Web.Tests.Import;

namespace SyncConsole.Web.Tests.Security;

/// <summary>
/// Cookie-authenticated state changes must come from the app's own origin (a page on another port of the same host
/// is "same site" and gets the SameSite=Lax cookie); the API key is unaffected.
/// </summary>
public sealed class SameOriginTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    private static RemoteRequest NewRemote(string name) => new() { Name = name, Host = "127.0.0.1", ModuleOrPath = "www" };

    private async Task<int> RemoteCountAsync(string name)
    {
        using var api = factory.CreateApiClient();
        return (await api.GetFromJsonAsync<List<RemoteResponse>>("/api/remotes", HostScenario.Json))!.Count(r => r.Name == name);
    }

    [Theory]
    [InlineData("http://localhost:8089")] // another app on the same host: same site, so the cookie goes along
    [InlineData("https://localhost")] // other scheme
    [InlineData("http://evil.example")]
    [InlineData("null")] // sandboxed frames and some redirects
    public async Task Post_WithCookieFromForeignOrigin_Is403WithProblemAndChangesNothing(string origin)
    {
        using var client = await factory.CreateLoggedInClientAsync(sendOwnOrigin: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/remotes") { Content = JsonContent.Create(NewRemote("csrf " + origin)) };
        request.Headers.Add("Origin", origin);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Cross-origin request refused", problem.GetProperty("title").GetString());
        Assert.Contains(origin, problem.GetProperty("detail").GetString());
        Assert.Equal(0, await RemoteCountAsync("csrf " + origin));
    }

    [Fact]
    public async Task Post_WithCookieAndNoOriginNorReferer_Is403()
    {
        using var client = await factory.CreateLoggedInClientAsync(sendOwnOrigin: false);

        var response = await client.PostAsJsonAsync("/api/remotes", NewRemote("no origin"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("neither an Origin nor a Referer", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await RemoteCountAsync("no origin"));
    }

    [Fact]
    public async Task Post_WithCookieFromOwnOrigin_IsServed()
    {
        using var client = await factory.CreateLoggedInClientAsync();

        var response = await client.PostAsJsonAsync("/api/remotes", NewRemote("own origin"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("same-origin", null, HttpStatusCode.Created)]
    [InlineData("same-site", null, HttpStatusCode.Forbidden)]
    [InlineData("cross-site", null, HttpStatusCode.Forbidden)]
    [InlineData(null, "http://localhost/settings", HttpStatusCode.Created)]
    [InlineData(null, "http://localhost:8089/attack.html", HttpStatusCode.Forbidden)]
    public async Task Post_WithCookieWithoutOrigin_FallsBackToFetchSiteThenReferer(string? fetchSite, string? referer, HttpStatusCode expected)
    {
        using var client = await factory.CreateLoggedInClientAsync(sendOwnOrigin: false);
        var name = $"fallback {fetchSite ?? "-"} {referer ?? "-"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/remotes") { Content = JsonContent.Create(NewRemote(name)) };
        if (fetchSite is not null) request.Headers.Add(SameOriginPolicy.FetchSiteHeader, fetchSite);
        if (referer is not null) request.Headers.Referrer = new Uri(referer);

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Created ? 1 : 0, await RemoteCountAsync(name));
    }

    [Fact]
    public async Task Post_WithApiKeyAndNoOrigin_IsServed()
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostAsJsonAsync("/api/remotes", NewRemote("api key"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ConfxmlUpload_WithCookieFromOtherPort_Is403AndImportsNothing()
    {
        using var client = await factory.CreateLoggedInClientAsync(sendOwnOrigin: false);
        client.DefaultRequestHeaders.Add("Origin", "http://localhost:8089");
        using var watched = new TempDirectory("syncconsole-csrf");
        var before = await ImportTestClient.CountRowsAsync(factory.Services);

        var response = await ImportTestClient.UploadAsync(client, new TestConfxml { Watch = watched.Path, CommandPlugin = true }.ToBytes());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await ImportTestClient.CountRowsAsync(factory.Services));
    }

    [Fact]
    public async Task Logout_FromOtherPort_Is403AndTheSessionStays()
    {
        using var client = await factory.CreateLoggedInClientAsync(sendOwnOrigin: false);
        var page = await client.GetStringAsync("/settings");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SyncConsoleFactory.AntiforgeryToken(page) }),
        };
        request.Headers.Add("Origin", "http://localhost:8089");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task PageNavigation_FromALinkOnAnotherSite_StillOpens()
    {
        using var client = await factory.CreateLoggedInClientAsync(sendOwnOrigin: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/settings");
        request.Headers.Add(SameOriginPolicy.FetchSiteHeader, "cross-site");
        request.Headers.Referrer = new Uri("http://wiki.example/admin-links");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithCookieAndForeignOrigin_Is403()
    {
        // What a cross-origin fetch or a WebSocket upgrade sends; a plain navigation has no Origin.
        using var client = await factory.CreateLoggedInClientAsync(sendOwnOrigin: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Origin", "http://localhost:8089");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task LoginForm_WithoutOrigin_StillWorks()
    {
        // Anonymous requests are not checked: the login form has its antiforgery token, and no session to ride.
        using var client = factory.CreateAnonymousClient();

        var response = await SyncConsoleFactory.PostLoginAsync(client, "admin", SyncConsoleFactory.AdminPassword);

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080", true)]
    [InlineData("http://127.0.0.1:5080/", "http://127.0.0.1:5080", true)]
    [InlineData("HTTP://Nas.LAN", "http://nas.lan:80", true)]
    [InlineData("https://nas.lan", "https://nas.lan:443", true)]
    [InlineData("http://[::1]:5080", "http://[::1]:5080", true)]
    [InlineData("http://127.0.0.1:8089", "http://127.0.0.1:5080", false)]
    [InlineData("https://127.0.0.1:5080", "http://127.0.0.1:5080", false)]
    [InlineData("http://nas.lan.evil.example", "http://nas.lan", false)]
    [InlineData("null", "http://127.0.0.1:5080", false)]
    [InlineData("/relative", "http://127.0.0.1:5080", false)]
    [InlineData("file:///etc/passwd", "http://127.0.0.1:5080", false)]
    public void IsSameOrigin_ComparesSchemeHostAndPort(string candidate, string self, bool expected) =>
        Assert.Equal(expected, SameOriginPolicy.IsSameOrigin(candidate, self));
}
