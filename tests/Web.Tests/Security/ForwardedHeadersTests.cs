using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace SyncConsole.Web.Tests.Security;

/// <summary>A host behind a TLS proxy at 10.9.8.7 (SyncConsole:ForwardedHeaders:KnownProxies).</summary>
public sealed class TrustedProxyFactory : ClientAddressFactory
{
    public const string Proxy = "10.9.8.7";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SyncConsole:ForwardedHeaders:KnownProxies:0", Proxy);
    }
}

public sealed class ForwardedHeadersTests(TrustedProxyFactory factory) : IClassFixture<TrustedProxyFactory>
{
    private static async Task<string> LoginCookieHeaderAsync(HttpClient client)
    {
        var login = await SyncConsoleFactory.PostLoginAsync(client, "admin", SyncConsoleFactory.AdminPassword);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SyncConsole.Auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_ThroughTheTrustedTlsProxy_SetsASecureCookie()
    {
        using var client = factory.CreateClientFrom(TrustedProxyFactory.Proxy);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        Assert.Contains("secure", await LoginCookieHeaderAsync(client), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnUntrustedAddress_AreIgnored()
    {
        using var client = factory.CreateClientFrom("192.0.2.50");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        Assert.DoesNotContain("secure", await LoginCookieHeaderAsync(client), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CookiePost_ThroughTheProxy_MatchesThePublicHttpsOrigin()
    {
        using var client = factory.CreateClientFrom(TrustedProxyFactory.Proxy);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "sync.example.org");
        var cookie = (await LoginCookieHeaderAsync(client)).Split(';')[0];
        // The cookie is Secure now, so a cookie jar would not send it over the test's plain http: send it by hand.
        using var raw = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/999999/pause");
        request.Headers.Add(ClientAddressFactory.Header, TrustedProxyFactory.Proxy);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "sync.example.org");
        request.Headers.Add("Origin", "https://sync.example.org");
        request.Headers.Add("Cookie", cookie);

        var response = await raw.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // past the same-origin check, to the endpoint
    }

    [Fact]
    public async Task ForwardedProto_WithoutConfiguration_IsIgnored()
    {
        using var plain = new SyncConsoleFactory();
        using var client = plain.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        Assert.DoesNotContain("secure", await LoginCookieHeaderAsync(client), StringComparison.OrdinalIgnoreCase);
    }
}
