using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data;
using SyncConsole.Data.Entities;

namespace SyncConsole.Web.Tests;

/// <summary>Rows written straight into the host's SQLite file. Jobs are disabled so the engine leaves them alone.</summary>
public static class DbSeed
{
    public static async Task<(int JobId, int RemoteId)> JobWithRemoteAsync(SyncConsoleFactory factory, string name)
    {
        await using var db = await DbAsync(factory);
        var remote = new Remote { Name = name + "-remote", Host = "127.0.0.1", ModuleOrPath = "m" };
        var job = new SyncJob { Name = name, WatchPath = "/tmp", Enabled = false };
        job.JobRemotes.Add(new JobRemote { Remote = remote });
        db.Jobs.Add(job);
        await db.SaveChangesAsync();
        return (job.Id, remote.Id);
    }

    public static async Task AddAsync(SyncConsoleFactory factory, params object[] rows)
    {
        await using var db = await DbAsync(factory);
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    private static async Task<SyncConsoleDbContext> DbAsync(SyncConsoleFactory factory)
    {
        using var _ = factory.CreateAnonymousClient(); // starts the host: migrations applied
        return await factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContextAsync();
    }
}
