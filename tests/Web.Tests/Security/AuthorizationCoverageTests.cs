using System.Net;
using Xunit.Abstractions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SyncConsole.Web.Tests.Security;

/// <summary>Walks every endpoint the host maps, so a route added later is covered without touching this test.</summary>
public sealed class AuthorizationCoverageTests(SyncConsoleFactory factory, ITestOutputHelper output) : IClassFixture<SyncConsoleFactory>
{
    private static readonly string[] PublicRoutes = ["/healthz", "/login", "/account/login"];

    [Fact]
    public async Task EveryApiAndHubRoute_WithoutCredentials_Returns401()
    {
        using var client = factory.CreateAnonymousClient();
        var checkedRoutes = 0;
        foreach (var (method, url) in ProtectedRoutes().Where(r => r.Url.StartsWith("/api/") || r.Url.StartsWith("/hubs/") || IsMachineRoute(r.Url)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} answered {(int)response.StatusCode}, expected 401");
            output.WriteLine($"{method} {url} -> 401");
            checkedRoutes++;
        }
        Assert.True(checkedRoutes >= 12, $"only {checkedRoutes} API routes found");
        Assert.Contains(ProtectedRoutes(), r => r.Url == "/hubs/events/negotiate");
    }

    [Fact]
    public async Task EveryApiRoute_WithWrongApiKey_Returns401()
    {
        using var client = factory.CreateApiClient("not-the-key");
        foreach (var (method, url) in ProtectedRoutes().Where(r => r.Url.StartsWith("/api/") || IsMachineRoute(r.Url)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} answered {(int)response.StatusCode}, expected 401");
        }
    }

    [Fact]
    public async Task EveryPageAndOtherRoute_WithoutCredentials_RedirectsToLogin()
    {
        using var client = factory.CreateAnonymousClient();
        var pages = ProtectedRoutes().Where(r => !r.Url.StartsWith("/api/") && !r.Url.StartsWith("/hubs/") && !IsMachineRoute(r.Url)).ToList();
        Assert.Contains(pages, p => p.Url == "/settings");
        foreach (var (method, url) in pages)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {url} answered {(int)response.StatusCode}, expected a redirect");
            Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
            output.WriteLine($"{method} {url} -> login");
        }
    }

    [Fact]
    public void AnonymousEndpoints_AreOnlyHealthLoginAndStaticFiles()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && !IsStaticFile(e))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .Order();

        Assert.Equal(PublicRoutes.Order(), anonymous);
    }

    private IEnumerable<RouteEndpoint> Endpoints()
    {
        using var client = factory.CreateAnonymousClient(); // starts the host
        return factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>();
    }

    private IEnumerable<(string Method, string Url)> ProtectedRoutes() =>
        Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !IsStaticFile(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, ToUrl(e))))
            .Distinct();

    // Read by tools, not browsers: answer 401 instead of a login page.
    private static bool IsMachineRoute(string url) => url is "/metrics" or "/readyz" || url.StartsWith("/openapi/");

    [Fact]
    public async Task EveryGetRoute_WithApiKey_IsAuthorizedAndDoesNotFail()
    {
        using var client = factory.CreateApiClient();
        var checkedRoutes = 0;
        // GET only: walking writes with a key would change the fixture (e.g. regenerate the API key itself).
        foreach (var (_, url) in ProtectedRoutes().Where(r => r.Method == "GET" && (r.Url.StartsWith("/api/") || IsMachineRoute(r.Url))))
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500,
                $"GET {url} answered {(int)response.StatusCode}");
            output.WriteLine($"GET {url} -> {(int)response.StatusCode}");
            checkedRoutes++;
        }
        Assert.True(checkedRoutes >= 10, $"only {checkedRoutes} GET routes found");
    }

    [Fact]
    public async Task OpenApiDocument_WithoutCredentials_Returns401()
    {
        using var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateApiClient("not-the-key").GetAsync("/openapi/v1.json")).StatusCode);
    }

    // Static web assets are files such as app.css: public by design and never a route to data.
    private static bool IsStaticFile(RouteEndpoint e) => Path.HasExtension(e.RoutePattern.RawText ?? "");

    /// <summary>Fills every route parameter with 1 (valid for int constraints), drops catch-all and optional ones.</summary>
    private static string ToUrl(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.IsCatchAll || p.IsOptional => "",
            _ => "1",
        }))).Where(s => s.Length > 0);
        return "/" + string.Join('/', segments);
    }
}
