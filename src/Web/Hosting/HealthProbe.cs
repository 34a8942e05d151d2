using SyncConsole.Web.Cli;

namespace SyncConsole.Web.Hosting;

/// <summary>
/// <c>healthcheck</c>: GET /healthz of the server on this machine. The Docker image has no curl; this is its HEALTHCHECK.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(IConfiguration configuration, string? url, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var target = new Uri(new Uri(Loopback(url ?? ListenUrls(configuration).FirstOrDefault() ?? new SyncConsoleOptions().DefaultUrls)), "/healthz");
        using var handler = new HttpClientHandler
        {
            // A liveness probe of this very machine; a self-signed certificate is the norm there.
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(target, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync($"{target}: {body}");
                return ExitCodes.Success;
            }
            await error.WriteLineAsync($"{target}: {(int)response.StatusCode} {body}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"{target}: {e.Message}");
        }
        return ExitCodes.Failed;
    }

    /// <summary>Where the server listens: <c>urls</c> (--urls, ASPNETCORE_URLS) or SyncConsole:DefaultUrls.</summary>
    public static IEnumerable<string> ListenUrls(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls)) urls = configuration[$"{SyncConsoleOptions.Section}:DefaultUrls"] ?? new SyncConsoleOptions().DefaultUrls;
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>A wildcard listen address is reached on loopback.</summary>
    private static string Loopback(string url) => url
        .Replace("://0.0.0.0", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://[::]", "://[::1]");
}
