using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Jobs;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Jobs;

/// <summary>Reads jobs from SQLite as the engine's <see cref="JobDefinition"/>s, remote passwords decrypted.</summary>
public sealed class JobDefinitionSource(IDbContextFactory<SyncConsoleDbContext> dbFactory, SecretProtector protector) : IJobDefinitions
{
    public async Task<IReadOnlyList<JobDefinition>> LoadRunnableAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await WithEverything(db).Where(j => j.Enabled && !j.Paused).OrderBy(j => j.Id).ToListAsync(cancellationToken);
        return jobs.Select(j => JobDefinitionMapper.ToDefinition(j, protector.Unprotect)).ToList();
    }

    /// <summary>One job whether enabled or not (for a manual full sync); null if it does not exist.</summary>
    public async Task<JobDefinition?> LoadAsync(int jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await WithEverything(db).SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        return job is null ? null : JobDefinitionMapper.ToDefinition(job, protector.Unprotect);
    }

    private static IQueryable<SyncJob> WithEverything(SyncConsoleDbContext db) =>
        db.Jobs.AsNoTracking().AsSplitQuery()
            .Include(j => j.FilterRules)
            .Include(j => j.Plugins)
            .Include(j => j.JobRemotes).ThenInclude(jr => jr.Remote);
}
