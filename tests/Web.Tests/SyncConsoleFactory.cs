using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SyncConsole.TestSupport;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Tests;

/// <summary>
/// The real host on a real SQLite file: its own temp data directory, the repository root as content root (so the
/// root appsettings.json and wwwroot/ are the ones used), a fixed admin password and API key unless a subclass says otherwise.
/// </summary>
public partial class SyncConsoleFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "correct horse battery";
    public const string ApiKey = "test-api-key-5f1c9e2a7b";
    private readonly TempDirectory dataDirectory = new("syncconsole-web");

    public string DataDirectory => dataDirectory.Path;

    /// <summary>When false, the host generates the admin password and the API key as on a fresh machine.</summary>
    protected virtual bool UseFixedSecrets => true;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepositoryRoot);
        builder.UseSetting("SyncConsole:DataDirectory", DataDirectory);
        if (UseFixedSecrets)
        {
            builder.UseSetting(EnvironmentVariables.AdminPassword, AdminPassword);
            builder.UseSetting(EnvironmentVariables.ApiKey, ApiKey);
        }
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>A client that authenticates with the X-Api-Key header.</summary>
    public HttpClient CreateApiClient(string? apiKey = null)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, apiKey ?? ApiKey);
        return client;
    }

    /// <summary>No credentials, no redirect following (so tests see the 302 to /login), cookies kept.</summary>
    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The test server's own origin, as a browser on its pages sends it in the Origin header.</summary>
    public const string OwnOrigin = "http://localhost";

    /// <summary>
    /// Logs in through the login page like a browser: GET for the antiforgery token and cookie, then the form POST.
    /// Like a browser on the app's own pages, the client then sends the app's Origin (see SameOriginPolicy) unless
    /// <paramref name="sendOwnOrigin"/> is false.
    /// </summary>
    public async Task<HttpClient> CreateLoggedInClientAsync(string password = AdminPassword, bool sendOwnOrigin = true)
    {
        var client = CreateAnonymousClient();
        var response = await PostLoginAsync(client, "admin", password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
            throw new InvalidOperationException($"Login failed: {(int)response.StatusCode} {response.Headers.Location}");
        if (sendOwnOrigin) client.DefaultRequestHeaders.Add("Origin", OwnOrigin);
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync("/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl,
        }));
    }

    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        if (!match.Success) throw new InvalidOperationException("The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        dataDirectory.Dispose();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SyncConsole.sln"))) return dir.FullName;
        throw new InvalidOperationException("SyncConsole.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
