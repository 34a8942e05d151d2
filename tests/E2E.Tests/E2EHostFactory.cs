using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncConsole.TestSupport;
using SyncConsole.Web.Hosting;

namespace SyncConsole.E2E.Tests;

/// <summary>
/// The real host on a real loopback port (Kestrel, not the in-memory test server) so a real browser can reach it:
/// its own temp data directory, the repository root as content root, a fixed admin password.
/// </summary>
public sealed class E2EHostFactory(bool autoHeal = true, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminPassword = "e2e horse battery staple";
    private readonly TempDirectory dataDirectory = new("syncconsole-e2e");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Starts Kestrel on a free port and returns its base URL, e.g. http://127.0.0.1:40123.</summary>
    public Uri Start()
    {
        UseKestrel();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepositoryRoot);
        // Port 0: the kernel picks a free loopback port, so parallel runs never collide.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("SyncConsole:DataDirectory", dataDirectory.Path);
        builder.UseSetting(EnvironmentVariables.AdminPassword, AdminPassword);
        // Off for tests that click Retry themselves: a returning remote would otherwise be healed before the click.
        builder.UseSetting("SyncConsole:AutoHeal:Enabled", autoHeal ? "true" : "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
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
}
