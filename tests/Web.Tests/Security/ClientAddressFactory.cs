using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SyncConsole.Web.Tests.Security;

/// <summary>
/// The test server has no real client addresses: this host takes the client's address from the
/// <see cref="Header"/> request header (a test-only startup filter, ahead of the app's own middleware).
/// </summary>
public class ClientAddressFactory : SyncConsoleFactory
{
    public const string Header = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressStartupFilter>());
    }

    public HttpClient CreateClientFrom(string address)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(Header, address);
        // As a browser on the login page would: once logged in, the cookie's POSTs need the app's Origin.
        client.DefaultRequestHeaders.Add("Origin", OwnOrigin);
        return client;
    }

    private sealed class ClientAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>A host whose global ceiling allows only three failed logins in all.</summary>
public sealed class TinyGlobalCeilingFactory : ClientAddressFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SyncConsole:Login:GlobalFailures", "3");
        builder.UseSetting("SyncConsole:Login:GlobalRefillSeconds", "3600");
    }
}
