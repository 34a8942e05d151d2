using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SyncConsole.Data.Tests;

public sealed class SyncConsoleDatabaseTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();
    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task MigrateAsync_EmptyFile_CreatesEveryTableAndNoMigrationIsPending()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains(await db.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_InitialSchema", StringComparison.Ordinal));

        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();
        foreach (var entity in db.Model.GetEntityTypes())
            Assert.Contains(entity.GetTableName(), tables);
    }

    [Fact]
    public async Task MigrateAsync_EmptyFile_SwitchesToWalMode()
    {
        await using var connection = new SqliteConnection($"Data Source={database.FilePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MigrateAsync_SecondTime_IsANoOp()
    {
        await SyncConsoleDatabase.MigrateAsync(database.Factory);
        await using var db = await database.Factory.CreateDbContextAsync();
        // Every migration applied once, none twice (the test predates the later migrations: count, not Single).
        Assert.Equal(db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList());
    }
}
