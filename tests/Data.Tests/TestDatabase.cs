using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data.Entities;
using SyncConsole.TestSupport;

namespace SyncConsole.Data.Tests;

/// <summary>A real, migrated SQLite file in a temp folder.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly TempDirectory folder = new("syncconsole-data");
    private ServiceProvider? services;

    public string FilePath => folder.Combine(SyncConsoleDatabase.FileName);
    public IDbContextFactory<SyncConsoleDbContext> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        services = new ServiceCollection().AddSyncConsoleData(FilePath).BuildServiceProvider();
        Factory = services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>();
        await SyncConsoleDatabase.MigrateAsync(Factory);
    }

    public async Task DisposeAsync()
    {
        if (services is not null) await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
