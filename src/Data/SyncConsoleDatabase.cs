using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace SyncConsole.Data;

/// <summary>Where the database lives and how it is opened, migrated and registered.</summary>
public static class SyncConsoleDatabase
{
    public const string FileName = "syncconsole.db";
    /// <summary>PostgreSQL's migrations live in their own assembly: one migration history per provider.</summary>
    public const string PostgresMigrationsAssembly = "SyncConsole.Data.Postgres";

    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout: writers from the engine and
        // the UI wait for each other instead of failing.
        DefaultTimeout = 30,
        ForeignKeys = true,
    }.ToString();

    public static void Configure(DbContextOptionsBuilder options, string databasePath) => Configure(options, DatabaseTarget.SqliteFile(databasePath));

    public static void Configure(DbContextOptionsBuilder options, DatabaseTarget target)
    {
        switch (target.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(target.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                options.UseSqlite(target.ConnectionString)
                    // SQLite changes a foreign key only by rebuilding the table, which EF runs outside the migration's
                    // transaction (PRAGMA foreign_keys = 0) and warns about at every fresh start. Migrations run at start-up,
                    // before anything else opens the database; the warning would only be noise (and on a CLI's stderr).
                    .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning));
                break;
        }
    }

    /// <summary>Registers <see cref="IDbContextFactory{SyncConsoleDbContext}"/> (and a scoped context for request code).</summary>
    public static IServiceCollection AddSyncConsoleData(this IServiceCollection services, string databasePath) =>
        services.AddSyncConsoleData(_ => DatabaseTarget.SqliteFile(databasePath));

    /// <summary>As above, for any provider.</summary>
    public static IServiceCollection AddSyncConsoleData(this IServiceCollection services, DatabaseTarget target) =>
        services.AddSyncConsoleData(_ => target);

    /// <summary>As above, with the target resolved from the container (when it depends on configuration read after build).</summary>
    public static IServiceCollection AddSyncConsoleData(this IServiceCollection services, Func<IServiceProvider, DatabaseTarget> target)
    {
        services.AddDbContextFactory<SyncConsoleDbContext>((provider, o) => Configure(o, target(provider)));
        return services;
    }

    /// <summary>Applies pending migrations; a SQLite file also gets its folder and WAL mode (persistent, so once is enough).</summary>
    public static async Task MigrateAsync(IDbContextFactory<SyncConsoleDbContext> factory, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            var folder = Path.GetDirectoryName(db.Database.GetDbConnection().DataSource);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
