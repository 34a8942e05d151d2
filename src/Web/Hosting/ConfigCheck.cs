using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Web.Cli;

namespace SyncConsole.Web.Hosting;

/// <summary>
/// <c>check-config</c>: what the server would use and whether it can start, one line per check, without starting it
/// or changing anything lasting. Exits with the code of the first failed check (3, 5, 6, 7), else 0.
/// </summary>
public static class ConfigCheck
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var environment = services.GetRequiredService<IHostEnvironment>();
        await output.WriteLineAsync($"content root:   {environment.ContentRootPath}");
        foreach (var file in ConfigurationLayers.FilesRead((IConfigurationRoot)configuration))
            await output.WriteLineAsync($"settings file:  {file}");
        var (adminFile, _) = ConfigurationLayers.AdminFile();
        if (!File.Exists(adminFile)) await output.WriteLineAsync($"settings file:  {adminFile} (absent; optional)");

        try
        {
            StartupChecks.Options(services);
        }
        catch (StartupFailure failure)
        {
            await error.WriteLineAsync($"error: {failure.Message}");
            return failure.ExitCode;
        }
        var paths = services.GetRequiredService<SyncConsolePaths>();
        await output.WriteLineAsync($"listen:         {string.Join(", ", HostLayoutUrls(configuration))}");
        await output.WriteLineAsync($"data directory: {paths.DataDirectory}");

        var failed = await DataDirectoryAsync(paths, output, error) ?? await DatabaseAsync(services, paths, output, error, cancellationToken);
        if (failed is not null) return failed.Value;

        var rsync = await RsyncProbe.ProbeAsync(cancellationToken: cancellationToken);
        if (!rsync.Available)
        {
            await error.WriteLineAsync($"error: {rsync.Problem}");
            return ExitCodes.RsyncMissing;
        }
        await output.WriteLineAsync($"rsync:          {rsync.Version} ({rsync.Path})");
        await output.WriteLineAsync("configuration OK");
        return ExitCodes.Success;
    }

    private static IEnumerable<string> HostLayoutUrls(IConfiguration configuration) => HealthProbe.ListenUrls(configuration);

    private static async Task<int?> DataDirectoryAsync(SyncConsolePaths paths, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(paths.DataDirectory))
        {
            // Not created here: only say whether the server could.
            var parent = Path.GetDirectoryName(paths.DataDirectory);
            while (parent is not null && !Directory.Exists(parent) && !File.Exists(parent)) parent = Path.GetDirectoryName(parent);
            if (parent is not null && Directory.Exists(parent) && !File.Exists(paths.DataDirectory) && Writable(parent))
            {
                await output.WriteLineAsync("                (absent; created at the first start)");
                return null;
            }
            await error.WriteLineAsync($"error: data directory {paths.DataDirectory} does not exist and cannot be created by user {Environment.UserName}");
            return ExitCodes.DataDirectoryUnusable;
        }
        try
        {
            StartupChecks.DataDirectory(paths);
            return null;
        }
        catch (StartupFailure failure)
        {
            await error.WriteLineAsync($"error: {failure.Message}");
            return failure.ExitCode;
        }
    }

    private static bool Writable(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, $".syncconsole-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task<int?> DatabaseAsync(IServiceProvider services, SyncConsolePaths paths, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var target = services.GetRequiredService<DatabaseTarget>();
        if (target.Provider == DatabaseProvider.Postgres) return await PostgresAsync(target, output, error, cancellationToken);
        if (!File.Exists(paths.DatabaseFile))
        {
            await output.WriteLineAsync($"database:       {paths.DatabaseFile} (absent; created at the first start)");
            return null;
        }
        try
        {
            // Read-only: a check must not migrate or create anything.
            var readOnly = new SqliteConnectionStringBuilder(SyncConsoleDatabase.ConnectionString(paths.DatabaseFile)) { Mode = SqliteOpenMode.ReadOnly }.ToString();
            await using (var connection = new SqliteConnection(readOnly))
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA quick_check";
                var check = (string?)await command.ExecuteScalarAsync(cancellationToken);
                if (check != "ok") throw new InvalidOperationException($"integrity check: {check}");
            }
            await using var db = new SyncConsoleDbContext(new DbContextOptionsBuilder<SyncConsoleDbContext>().UseSqlite(readOnly).Options);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            await output.WriteLineAsync($"database:       {paths.DatabaseFile} (integrity ok{(pending > 0 ? $"; {pending} migration(s) applied at the next start" : "")})");
            return null;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: database {paths.DatabaseFile} cannot be used ({e.Message})");
            return ExitCodes.DatabaseError;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>PostgreSQL: the server answers and which migrations are missing; read-only, and the password is never printed.</summary>
    private static async Task<int?> PostgresAsync(DatabaseTarget target, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<SyncConsoleDbContext>();
        SyncConsoleDatabase.Configure(options, target);
        try
        {
            await using var db = new SyncConsoleDbContext(options.Options);
            try
            {
                // Opened by hand, not CanConnect: that hides why (wrong password, refused, TLS) behind "false".
                await db.Database.OpenConnectionAsync(cancellationToken);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
            {
                await output.WriteLineAsync($"database:       {target.Description} (absent; created at the first start if the user may)");
                return null;
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            await output.WriteLineAsync($"database:       {target.Description} (reachable{(pending > 0 ? $"; {pending} migration(s) applied at the next start" : "")})");
            return null;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            await error.WriteLineAsync($"error: database {target.Description} cannot be used ({e.Message}); check SyncConsole:Database:ConnectionString");
            return ExitCodes.DatabaseError;
        }
    }
}
