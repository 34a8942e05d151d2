using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.FailLog;
using SyncConsole.Engine.Jobs;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Remotes;

/// <summary>Remote CRUD shared by the REST API and the UI. Passwords go in encrypted and never come back out.</summary>
public sealed class RemoteStore(
    IDbContextFactory<SyncConsoleDbContext> dbFactory, SecretProtector protector, JobChangeNotifier notifier, TimeProvider clock)
{
    public async Task<IReadOnlyList<RemoteResponse>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var remotes = await db.Remotes.AsNoTracking().Include(r => r.JobRemotes).OrderBy(r => r.Name).ToListAsync(cancellationToken);
        return remotes.Select(ToResponse).ToList();
    }

    public async Task<RemoteResponse?> GetAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var remote = await db.Remotes.AsNoTracking().Include(r => r.JobRemotes).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return remote is null ? null : ToResponse(remote);
    }

    public Task<StoreResult<RemoteResponse>> CreateAsync(RemoteRequest request, CancellationToken cancellationToken) =>
        SaveAsync(null, request, cancellationToken);

    public Task<StoreResult<RemoteResponse>> UpdateAsync(int id, RemoteRequest request, CancellationToken cancellationToken) =>
        SaveAsync(id, request, cancellationToken);

    /// <summary>The jobs that deliver to a remote and the destination folder of each, by job name.</summary>
    public async Task<IReadOnlyList<RemoteUse>> UsesAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.JobRemotes.AsNoTracking().Where(jr => jr.RemoteId == id).OrderBy(jr => jr.Job!.Name)
            .Select(jr => new RemoteUse(jr.JobId, jr.Job!.Name, jr.Destination)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes the remote; jobs that used it simply lose it. Its history stays: sync runs and fail-log entries keep
    /// the remote's name, and its open fail-log entries become discarded (nothing can deliver them any more). Only its
    /// last verify results go.
    /// </summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var name = await db.Remotes.Where(r => r.Id == id).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null) return false;
        await db.SyncRuns.Where(r => r.RemoteId == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RemoteName, name), cancellationToken);
        await db.FailLog.Where(e => e.RemoteId == id && (e.State == FailLogState.Pending || e.State == FailLogState.Retrying))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, FailLogState.Discarded).SetProperty(e => e.NextAttemptAt, (DateTimeOffset?)null), cancellationToken);
        await db.FailLog.Where(e => e.RemoteId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.RemoteName, name), cancellationToken);
        // The foreign keys set RemoteId to null in the runs and entries kept above.
        var deleted = await db.Remotes.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0) notifier.NotifyChanged();
        return deleted > 0;
    }

    private async Task<StoreResult<RemoteResponse>> SaveAsync(int? id, RemoteRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Remote? remote = null;
        if (id is not null)
        {
            remote = await db.Remotes.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (remote is null) return StoreResult<RemoteResponse>.Missing();
        }

        var errors = RemoteValidator.Validate(request, out var transport);
        var name = request.Name?.Trim() ?? "";
        if (!errors.ContainsKey("name") && await db.Remotes.AnyAsync(r => r.Name == name && r.Id != (id ?? 0), cancellationToken))
            errors["name"] = [$"A remote named '{name}' already exists."];
        if (errors.Count > 0) return StoreResult<RemoteResponse>.Invalid(errors);

        var now = clock.GetUtcNow();
        if (remote is null)
        {
            remote = new Remote { Name = name, Host = "", ModuleOrPath = "", CreatedAt = now };
            db.Remotes.Add(remote);
        }
        remote.Name = name;
        remote.Host = request.Host!.Trim();
        remote.Transport = transport;
        remote.ModuleOrPath = request.ModuleOrPath!.Trim();
        remote.User = string.IsNullOrWhiteSpace(request.User) ? null : request.User.Trim();
        if (request.Password is not null)
            remote.ProtectedPassword = request.Password.Length == 0 ? null : protector.Protect(request.Password);
        remote.Port = request.Port;
        remote.TimeoutSeconds = request.TimeoutSeconds;
        remote.SshKeyPath = string.IsNullOrWhiteSpace(request.SshKeyPath) ? null : request.SshKeyPath.Trim();
        remote.KnownHostsPath = string.IsNullOrWhiteSpace(request.KnownHostsPath) ? null : request.KnownHostsPath.Trim();
        remote.ExtraArgs = request.ExtraArgs?.Trim() ?? "";
        remote.BandwidthLimitKbps = request.BandwidthLimitKbps;
        remote.UpdatedAt = now;

        // Pointing a remote elsewhere must not put its jobs' folders over another job's (see DestinationConflicts).
        if (id is not null && await OverlapsAsync(db, remote, cancellationToken) is { Length: > 0 } overlaps)
            return StoreResult<RemoteResponse>.Invalid(new Dictionary<string, string[]> { ["moduleOrPath"] = overlaps });

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (NameTaken(name, remote.Id))
        {
            // Lost a race with another writer between the check above and the save.
            return StoreResult<RemoteResponse>.Invalid(new Dictionary<string, string[]> { ["name"] = [$"A remote named '{name}' already exists."] });
        }
        notifier.NotifyChanged();
        return StoreResult<RemoteResponse>.Ok((await GetAsync(remote.Id, cancellationToken))!);
    }

    private static async Task<string[]> OverlapsAsync(SyncConsoleDbContext db, Remote changed, CancellationToken cancellationToken)
    {
        var links = await DestinationConflicts.LoadAsync(db, cancellationToken); // as stored: the change is not saved yet
        var others = links.Where(l => l.Remote.Id != changed.Id).ToList();
        return links.Where(l => l.Remote.Id == changed.Id)
            .Select(l => DestinationConflicts.Problem(l with { Remote = DestinationConflicts.ToDefinition(changed, l.Remote.Destination) }, others))
            .OfType<string>().ToArray();
    }

    // Synchronous because exception filters cannot await; it only runs after a failed save.
    private bool NameTaken(string name, int id)
    {
        using var db = dbFactory.CreateDbContext();
        return db.Remotes.Any(r => r.Name == name && r.Id != id);
    }

    private static RemoteResponse ToResponse(Remote remote) => new()
    {
        Id = remote.Id,
        Name = remote.Name,
        Host = remote.Host,
        Transport = remote.Transport == RemoteTransport.Ssh ? "ssh" : "daemon",
        ModuleOrPath = remote.ModuleOrPath,
        User = remote.User,
        HasSecret = remote.ProtectedPassword is not null,
        Port = remote.Port,
        TimeoutSeconds = remote.TimeoutSeconds,
        SshKeyPath = remote.SshKeyPath,
        KnownHostsPath = remote.KnownHostsPath,
        ExtraArgs = remote.ExtraArgs,
        BandwidthLimitKbps = remote.BandwidthLimitKbps,
        JobIds = remote.JobRemotes.Select(jr => jr.JobId).Order().ToList(),
        CreatedAt = remote.CreatedAt,
        UpdatedAt = remote.UpdatedAt,
    };
}
