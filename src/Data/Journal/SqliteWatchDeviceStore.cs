using Microsoft.EntityFrameworkCore;
using SyncConsole.Engine.Delivery.Guard;

namespace SyncConsole.Data.Journal;

/// <summary>The deletion guard's "last healthy" file system per job, in <c>SyncJobs.LastHealthyDevice</c>.</summary>
public sealed class SqliteWatchDeviceStore(IDbContextFactory<SyncConsoleDbContext> dbFactory) : IWatchDeviceStore
{
    public async Task<string?> LoadAsync(int jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.Where(j => j.Id == jobId).Select(j => j.LastHealthyDevice).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task SaveAsync(int jobId, string device, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only this column: a job edit saved at the same moment keeps its own changes.
        await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(u => u.SetProperty(j => j.LastHealthyDevice, device), cancellationToken);
    }
}
