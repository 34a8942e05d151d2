using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SyncConsole.Data;
using SyncConsole.Web.Cli;

namespace SyncConsole.Web.Hosting;

/// <summary>
/// The start-up steps an administrator may have to fix, each turned into a <see cref="StartupFailure"/> with its own
/// exit code and one sentence that names the thing to fix.
/// </summary>
public static class StartupChecks
{
    /// <summary>The bound and validated settings, or exit 3.</summary>
    public static SyncConsoleOptions Options(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<SyncConsoleOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            throw new StartupFailure(ExitCodes.ConfigInvalid, $"configuration invalid: {string.Join("; ", e.Failures)}", e);
        }
        catch (InvalidOperationException e)
        {
            // The binder's "Failed to convert configuration value at 'SyncConsole:HistoryDays' to type 'System.Int32'".
            throw new StartupFailure(ExitCodes.ConfigInvalid, $"configuration invalid: {e.Message}", e);
        }
    }

    /// <summary>Creates the data directory if needed and proves it writable, or exit 5.</summary>
    public static void DataDirectory(SyncConsolePaths paths)
    {
        try
        {
            paths.EnsureCreated();
            var probe = Path.Combine(paths.DataDirectory, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupFailure(ExitCodes.DataDirectoryUnusable,
                $"data directory {paths.DataDirectory} is not usable ({e.Message}); make it writable for user {Environment.UserName} or set SyncConsole:DataDirectory", e);
        }
    }

    /// <summary>Applies the migrations (and anything else that needs the database), or exit 6.</summary>
    public static async Task DatabaseAsync(DatabaseTarget target, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            // The target's description never holds the password, and neither do SQLite's or Npgsql's messages.
            var reason = (e as DbException ?? e.InnerException as DbException)?.Message ?? e.Message;
            var fix = target.Provider == DatabaseProvider.Postgres
                ? "check SyncConsole:Database:ConnectionString and that the server is reachable"
                : "restore it from a backup or move it away to start empty";
            throw new StartupFailure(ExitCodes.DatabaseError, $"database {target.Description} cannot be used ({reason}); {fix}", e);
        }
    }

    /// <summary>Migrates the database the way the server does, for the CLI verbs that write to it.</summary>
    public static Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        DatabaseAsync(services.GetRequiredService<DatabaseTarget>(), () => SyncConsoleDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>(), cancellationToken));
}
