using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SyncConsole.Data.Entities;
using SyncConsole.TestSupport;

namespace SyncConsole.Data.Tests;

/// <summary>
/// A real, migrated database of its own: a SQLite file in a temp folder, or (given the collection's server) a
/// PostgreSQL database cloned from a template migrated once per server, dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private const string Template = "syncconsole_migrated";
    private readonly TempDirectory folder = new("syncconsole-data");
    private readonly PostgresServerFixture? postgres;
    private string? postgresDatabase;
    private ServiceProvider? services;

    /// <summary>SQLite.</summary>
    public TestDatabase() { }

    /// <summary>PostgreSQL on the collection's server.</summary>
    public TestDatabase(PostgresServerFixture postgres) => this.postgres = postgres;

    public DatabaseProvider Provider => postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
    public string FilePath => folder.Combine(SyncConsoleDatabase.FileName);
    public DatabaseTarget Target { get; private set; } = null!;
    public IDbContextFactory<SyncConsoleDbContext> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (postgres is null)
        {
            Target = DatabaseTarget.SqliteFile(FilePath);
        }
        else
        {
            await postgres.TemplateAsync(Template, async connectionString =>
            {
                await using var template = new ServiceCollection().AddSyncConsoleData(DatabaseTarget.Postgres(connectionString)).BuildServiceProvider();
                await SyncConsoleDatabase.MigrateAsync(template.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>());
            });
            postgresDatabase = await postgres.CreateDatabaseAsync("data", Template);
            Target = DatabaseTarget.Postgres(postgres.ConnectionString(postgresDatabase));
        }
        services = new ServiceCollection().AddSyncConsoleData(Target).BuildServiceProvider();
        Factory = services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>();
        await SyncConsoleDatabase.MigrateAsync(Factory);
    }

    public async Task DisposeAsync()
    {
        if (services is not null) await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgres is not null && postgresDatabase is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(Target.ConnectionString));
            await postgres.DropDatabaseAsync(postgresDatabase);
        }
        folder.Dispose();
    }

    public async Task<(SyncJob Job, Remote Remote)> AddJobWithRemoteAsync(string name = "photos")
    {
        await using var db = await Factory.CreateDbContextAsync();
        var remote = new Remote { Name = name + "-remote", Host = "127.0.0.1", ModuleOrPath = "backup" };
        var job = new SyncJob { Name = name, WatchPath = "/srv/" + name };
        job.JobRemotes.Add(new JobRemote { Remote = remote });
        db.Jobs.Add(job);
        await db.SaveChangesAsync();
        return (job, remote);
    }
}

/// <summary>The test classes that run against PostgreSQL share one server (started once, serially used).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL";
}
