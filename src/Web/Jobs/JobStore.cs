using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Events;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Jobs;

/// <summary>Job CRUD shared by the REST API and the UI: validation first, then one SaveChanges, then the change notice.</summary>
public sealed class JobStore(IDbContextFactory<SyncConsoleDbContext> dbFactory, JobChangeNotifier notifier, TimeProvider clock, EngineEventStream events)
{
    public async Task<IReadOnlyList<JobResponse>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await WithDetails(db).OrderBy(j => j.Name).ToListAsync(cancellationToken);
        return jobs.Select(ToResponse).ToList();
    }

    public async Task<JobResponse?> GetAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await WithDetails(db).SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        return job is null ? null : ToResponse(job);
    }

    public Task<StoreResult<JobResponse>> CreateAsync(JobRequest request, CancellationToken cancellationToken) =>
        SaveAsync(null, request, cancellationToken);

    public Task<StoreResult<JobResponse>> UpdateAsync(int id, JobRequest request, CancellationToken cancellationToken) =>
        SaveAsync(id, request, cancellationToken);

    /// <summary>Pauses or resumes a job; false when it does not exist. A change is an event in the feed: a paused job
    /// stops its runner silently, so without it the feed would not say why deliveries stopped.</summary>
    public async Task<bool> SetPausedAsync(int id, bool paused, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var exists = await db.Jobs.AnyAsync(j => j.Id == id, cancellationToken);
        var changed = await db.Jobs.Where(j => j.Id == id && j.Paused != paused)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Paused, paused).SetProperty(j => j.UpdatedAt, now), cancellationToken);
        if (changed > 0)
        {
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.JobStateChanged, JobId = id,
                Message = paused ? "Paused by the administrator" : "Resumed by the administrator",
            });
            notifier.NotifyChanged();
        }
        return exists;
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.Jobs.Where(j => j.Id == id).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0) notifier.NotifyChanged();
        return deleted > 0;
    }

    private async Task<StoreResult<JobResponse>> SaveAsync(int? id, JobRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        SyncJob? job = null;
        if (id is not null)
        {
            job = await WithDetails(db, tracking: true).SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
            if (job is null) return StoreResult<JobResponse>.Missing();
        }

        var errors = JobValidator.Validate(request, out var events);
        var name = request.Name?.Trim() ?? "";
        if (!errors.ContainsKey("name") && await db.Jobs.AnyAsync(j => j.Name == name && j.Id != (id ?? 0), cancellationToken))
            errors["name"] = [$"A job named '{name}' already exists."];
        var (targets, targetsField, targetErrors) = JobTargets.Read(request, job);
        foreach (var (field, messages) in targetErrors) errors[field] = messages;
        var remoteIds = targets.Keys.ToList();
        var remotes = await db.Remotes.AsNoTracking().Where(r => remoteIds.Contains(r.Id)).ToListAsync(cancellationToken);
        var unknown = remoteIds.Except(remotes.Select(r => r.Id)).ToList();
        if (unknown.Count > 0) errors[targetsField] = [$"Unknown remote id(s): {string.Join(", ", unknown)}."];
        if (!errors.ContainsKey(targetsField) && !errors.ContainsKey("name"))
        {
            // Two jobs delivering into the same (or a nested) folder delete each other's files: refused, naming the other job.
            var others = (await DestinationConflicts.LoadAsync(db, cancellationToken)).Where(l => l.JobId != (id ?? 0)).ToList();
            var mine = remotes.OrderBy(r => r.Id).Select(r => new DestinationLink(id ?? 0, name, DestinationConflicts.ToDefinition(r, targets[r.Id]))).ToList();
            var overlaps = mine.Select((link, i) => DestinationConflicts.Problem(link, [.. others, .. mine.Take(i)])).OfType<string>().ToArray();
            if (overlaps.Length > 0) errors[targetsField] = overlaps;
        }
        if (errors.Count > 0) return StoreResult<JobResponse>.Invalid(errors);

        var now = clock.GetUtcNow();
        if (job is null)
        {
            job = new SyncJob { Name = name, WatchPath = "", CreatedAt = now };
            db.Jobs.Add(job);
        }
        job.Name = name;
        var watchPath = request.WatchPath!.Length > 1 ? request.WatchPath.TrimEnd('/') : request.WatchPath;
        // Another folder may be on another disk: the deletion guard learns its file system afresh.
        if (job.WatchPath != watchPath) job.LastHealthyDevice = null;
        job.WatchPath = watchPath;
        job.Enabled = request.Enabled;
        job.Events = events;
        job.RsyncParams = string.IsNullOrWhiteSpace(request.RsyncParams) ? "-artuz" : request.RsyncParams.Trim();
        job.DeleteEnabled = request.DeleteEnabled;
        job.IgnoreTempFiles = request.IgnoreTempFiles;
        job.FullSyncUsesLiveExcludes = request.FullSyncUsesLiveExcludes;
        job.InitialFullSync = request.InitialFullSync;
        job.FullSyncIntervalMinutes = request.FullSyncIntervalMinutes;
        job.FullSyncCron = string.IsNullOrWhiteSpace(request.FullSyncCron) ? null : request.FullSyncCron.Trim();
        job.VerifyIntervalMinutes = request.VerifyIntervalMinutes;
        job.VerifyDeep = request.VerifyDeep;
        job.CoalescingDelayMs = request.CoalescingDelayMs;
        job.MaxBatchPaths = request.MaxBatchPaths;
        job.RetryIntervalMinutes = request.RetryIntervalMinutes;
        job.ReconcileAfterTrouble = request.ReconcileAfterTrouble;
        job.Debug = request.Debug;
        job.PluginOnly = request.PluginOnly;
        job.DeletionGuardEnabled = request.DeletionGuard;
        job.DeletionGuardMaxSharePercent = request.DeletionGuardPercent;
        job.DeletionGuardMinCount = request.DeletionGuardMinCount;
        job.UpdatedAt = now;

        job.JobRemotes.RemoveAll(jr => !remoteIds.Contains(jr.RemoteId));
        foreach (var remoteId in remoteIds.Where(r => job.JobRemotes.All(jr => jr.RemoteId != r)))
            job.JobRemotes.Add(new JobRemote { RemoteId = remoteId });
        foreach (var link in job.JobRemotes) link.Destination = targets[link.RemoteId];

        job.FilterRules.Clear();
        job.FilterRules.AddRange((request.ExcludeRegexes ?? []).Select((e, i) => new FilterRule { Kind = FilterRuleKind.LiveRegex, Expression = e, Order = i }));
        job.FilterRules.AddRange((request.FullSyncExcludes ?? []).Select((e, i) => new FilterRule { Kind = FilterRuleKind.FullSyncPattern, Expression = e.Trim(), Order = i }));

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (NameTaken(name, job.Id))
        {
            // Lost a race with another writer between the check above and the save.
            return StoreResult<JobResponse>.Invalid(new Dictionary<string, string[]> { ["name"] = [$"A job named '{name}' already exists."] });
        }
        notifier.NotifyChanged();
        return StoreResult<JobResponse>.Ok((await GetAsync(job.Id, cancellationToken))!);
    }

    // Synchronous because exception filters cannot await; it only runs after a failed save.
    private bool NameTaken(string name, int id)
    {
        using var db = dbFactory.CreateDbContext();
        return db.Jobs.Any(j => j.Name == name && j.Id != id);
    }

    private static IQueryable<SyncJob> WithDetails(SyncConsoleDbContext db, bool tracking = false)
    {
        var query = db.Jobs.AsSplitQuery().Include(j => j.FilterRules).Include(j => j.JobRemotes);
        return tracking ? query : query.AsNoTracking();
    }

    private static JobResponse ToResponse(SyncJob job) => new()
    {
        Id = job.Id,
        Name = job.Name,
        WatchPath = job.WatchPath,
        Enabled = job.Enabled,
        Paused = job.Paused,
        Events = SyncEventNames.ToNames(job.Events),
        RsyncParams = job.RsyncParams,
        DeleteEnabled = job.DeleteEnabled,
        IgnoreTempFiles = job.IgnoreTempFiles,
        FullSyncUsesLiveExcludes = job.FullSyncUsesLiveExcludes,
        InitialFullSync = job.InitialFullSync,
        FullSyncIntervalMinutes = job.FullSyncIntervalMinutes,
        FullSyncCron = job.FullSyncCron,
        VerifyIntervalMinutes = job.VerifyIntervalMinutes,
        VerifyDeep = job.VerifyDeep,
        CoalescingDelayMs = job.CoalescingDelayMs,
        MaxBatchPaths = job.MaxBatchPaths,
        RetryIntervalMinutes = job.RetryIntervalMinutes,
        ReconcileAfterTrouble = job.ReconcileAfterTrouble,
        Debug = job.Debug,
        PluginOnly = job.PluginOnly,
        DeletionGuard = job.DeletionGuardEnabled,
        DeletionGuardPercent = job.DeletionGuardMaxSharePercent,
        DeletionGuardMinCount = job.DeletionGuardMinCount,
        RemoteIds = job.JobRemotes.Select(jr => jr.RemoteId).Order().ToList(),
        Targets = job.JobRemotes.OrderBy(jr => jr.RemoteId).Select(jr => new JobTarget { RemoteId = jr.RemoteId, Destination = jr.Destination }).ToList(),
        ExcludeRegexes = Rules(job, FilterRuleKind.LiveRegex),
        FullSyncExcludes = Rules(job, FilterRuleKind.FullSyncPattern),
        CreatedAt = job.CreatedAt,
        UpdatedAt = job.UpdatedAt,
    };

    private static List<string> Rules(SyncJob job, FilterRuleKind kind) =>
        job.FilterRules.Where(f => f.Kind == kind).OrderBy(f => f.Order).Select(f => f.Expression).ToList();
}
