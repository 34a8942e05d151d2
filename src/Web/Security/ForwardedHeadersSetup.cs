using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SyncConsole.Web.Security;

/// <summary>
/// <c>SyncConsole:ForwardedHeaders</c>: behind a TLS reverse proxy, trust its X-Forwarded-For/-Proto/-Host so the
/// login cookie is Secure, the same-origin check sees https://public-host and the login throttle sees the real
/// client. Off unless proxies are listed: trusting these headers from anyone would let any client claim any address.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "SyncConsole:ForwardedHeaders";

    /// <summary>Call first in the pipeline; does nothing unless KnownProxies or KnownNetworks list something.</summary>
    public static IApplicationBuilder UseForwardedHeadersWhenConfigured(this IApplicationBuilder app, IConfiguration configuration)
    {
        var options = Build(configuration.GetSection(Section));
        return options is null ? app : app.UseForwardedHeaders(options);
    }

    /// <summary>The options for the listed proxies and networks, or null when none are listed.</summary>
    public static ForwardedHeadersOptions? Build(IConfigurationSection section)
    {
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0) return null;

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        // Only what is configured: the defaults (loopback) would otherwise stay trusted too.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
        foreach (var network in networks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8)."));
        return options;
    }
}
