using Microsoft.EntityFrameworkCore;
using SyncConsole.TestSupport;

namespace SyncConsole.Data.Tests;

/// <summary>
/// Each provider has its own migration history (SQLite in src/Data, PostgreSQL in src/Data.Postgres); both must
/// describe today's model, or a fresh database of that provider would lack what the code uses.
/// </summary>
public sealed class MigrationsInStepTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "dotnet ef migrations add NAME --project src/Data --startup-project src/Data")]
    [InlineData(DatabaseProvider.Postgres, "dotnet ef migrations add NAME --project src/Data.Postgres --startup-project src/Data.Postgres")]
    public void EachProvidersMigrations_MatchTheModel(DatabaseProvider provider, string fix)
    {
        // Neither check connects: the model is compared with the migrations' snapshot.
        var options = new DbContextOptionsBuilder<SyncConsoleDbContext>();
        SyncConsoleDatabase.Configure(options, provider == DatabaseProvider.Sqlite
            ? DatabaseTarget.SqliteFile("/nonexistent/syncconsole.db")
            : DatabaseTarget.Postgres("Host=127.0.0.1;Database=unused;Username=unused"));
        using var db = new SyncConsoleDbContext(options.Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations lag behind the model: {fix}");
    }

    [Fact]
    public void TheProviders_KeepSeparateHistories()
    {
        var sqlite = new DbContextOptionsBuilder<SyncConsoleDbContext>();
        SyncConsoleDatabase.Configure(sqlite, DatabaseTarget.SqliteFile("/nonexistent/syncconsole.db"));
        var postgres = new DbContextOptionsBuilder<SyncConsoleDbContext>();
        SyncConsoleDatabase.Configure(postgres, DatabaseTarget.Postgres("Host=127.0.0.1;Database=unused"));
        using var a = new SyncConsoleDbContext(sqlite.Options);
        using var b = new SyncConsoleDbContext(postgres.Options);
        Assert.Empty(a.Database.GetMigrations().Intersect(b.Database.GetMigrations()));
    }
}

/// <summary>Migrating an empty PostgreSQL database, as the first start does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresServerFixture postgres, Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private string database = "";

    public async Task InitializeAsync() => database = await postgres.CreateDatabaseAsync("empty");
    public Task DisposeAsync() => postgres.DropDatabaseAsync(database);

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_CreatesEveryTable_AndASecondRunIsANoOp()
    {
        var options = new DbContextOptionsBuilder<SyncConsoleDbContext>();
        SyncConsoleDatabase.Configure(options, DatabaseTarget.Postgres(postgres.ConnectionString(database, pooling: false)));
        var factory = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<SyncConsoleDbContext>(options.Options);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await SyncConsoleDatabase.MigrateAsync(factory);
        output.WriteLine($"server start (initdb + pg_ctl): {postgres.StartDuration.TotalMilliseconds:F0} ms; migrating an empty database: {watch.ElapsedMilliseconds} ms");
        await SyncConsoleDatabase.MigrateAsync(factory);

        await using var db = await factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        var tables = await db.Database.SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
        foreach (var entity in db.Model.GetEntityTypes())
            Assert.Contains(entity.GetTableName(), tables);
    }
}
