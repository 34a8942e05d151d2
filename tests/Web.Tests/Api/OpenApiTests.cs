using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SyncConsole.Web.Tests.Api;

public sealed class OpenApiTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task Document_WithApiKey_ListsEveryApiRoute()
    {
        using var client = factory.CreateApiClient();

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        var routes = factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/api/"))
            .Select(r => System.Text.RegularExpressions.Regex.Replace(r, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/'))
            .Distinct().ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes) Assert.True(paths.Contains(route), $"{route} missing from the OpenAPI document");
        Assert.Contains("/api/jobs/{id}/plugins", paths);
        Assert.Contains("/api/runs/{id}", paths);
    }

    [Fact]
    public async Task ReferencePage_LoggedIn_IsServed_AndAnonymous_GoesToLogin()
    {
        using var loggedIn = await factory.CreateLoggedInClientAsync();
        var page = await loggedIn.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());

        using var anonymous = factory.CreateAnonymousClient();
        var redirected = await anonymous.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/login", redirected.Headers.Location!.AbsolutePath);
    }
}
