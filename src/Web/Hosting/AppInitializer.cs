using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Hosting;

/// <summary>Runs before the server listens: data directory, migrations, the admin login, the API key, rsync's presence.</summary>
public static class AppInitializer
{
    public static async Task<StartupReport> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AppInitializer).FullName!);
        var paths = services.GetRequiredService<SyncConsolePaths>();
        StartupChecks.DataDirectory(paths);
        var (ended, removed) = RunDirectoryJanitor.Clean(paths, services.GetRequiredService<SyncConsole.Engine.Processes.ChildProcessLedger>());
        if (ended.Count > 0 || removed > 0)
            logger.LogWarning("Cleaned up after an earlier run: ended {Count} orphaned rsync process(es) {Pids}, removed {Removed} stale entries from {Run}",
                ended.Count, ended, removed, paths.RuntimeDirectory);
        var (source, generated) = (default(InitialPasswordSource), default(string));
        var keys = services.GetRequiredService<ApiKeyStore>();
        // A corrupt, locked or unreadable database is exit 6 with one line, whichever of these steps meets it first.
        var database = services.GetRequiredService<DatabaseTarget>();
        await StartupChecks.DatabaseAsync(database, async () =>
        {
            await SyncConsoleDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>(), cancellationToken);
            logger.LogInformation("Database ready: {Database}", database.Description);
            (source, generated) = await services.GetRequiredService<AdminAccountService>().EnsureAdminAsync(cancellationToken);
            await services.GetRequiredService<SessionStampStore>().InitializeAsync(cancellationToken);
            await keys.InitializeAsync(cancellationToken);
            await services.GetRequiredService<SyncConsole.Web.Hosting.SystemSettingsStore>().LoadAsync(cancellationToken);
        });

        var state = services.GetRequiredService<SystemState>();
        state.Rsync = await RsyncProbe.ProbeAsync(cancellationToken: cancellationToken);
        if (state.Rsync.Available) logger.LogInformation("rsync {Version} at {Path}", state.Rsync.Version, state.Rsync.Path);
        else logger.LogWarning("rsync is not usable: {Problem} Jobs cannot deliver anything until it is installed.", state.Rsync.Problem);

        return new StartupReport(source, generated, keys.FromEnvironment, state.Rsync);
    }
}
