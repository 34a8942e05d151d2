using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Engine.Rsync;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Remotes;

/// <summary>"Test connection" for a stored remote: the engine's <see cref="RemoteProbe"/> with the decrypted password.</summary>
public sealed class RemoteConnectionTester(IDbContextFactory<SyncConsoleDbContext> dbFactory, SecretProtector protector, RemoteProbe probe)
{
    /// <summary>Null when the remote does not exist.</summary>
    public async Task<ProbeResult?> TestAsync(int remoteId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var remote = await db.Remotes.AsNoTracking().SingleOrDefaultAsync(r => r.Id == remoteId, cancellationToken);
        if (remote is null) return null;
        return await probe.ProbeAsync(JobDefinitionMapper.ToDefinition(remote, protector.Unprotect), cancellationToken);
    }

    /// <summary>Tests a remote form before it is saved (the create body); validation errors instead of a result when it is invalid.</summary>
    /// <param name="storedPasswordOf">When editing: a null password means the one stored for this remote (as Save keeps it).</param>
    public async Task<(ProbeResult? Result, Dictionary<string, string[]>? Errors)> TestUnsavedAsync(Contracts.RemoteRequest request, CancellationToken cancellationToken,
        int? storedPasswordOf = null)
    {
        var errors = RemoteValidator.Validate(request, out var transport);
        if (errors.Count > 0) return (null, errors);
        string? storedPassword = null;
        if (request.Password is null && storedPasswordOf is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            storedPassword = await db.Remotes.AsNoTracking().Where(r => r.Id == id).Select(r => r.ProtectedPassword).SingleOrDefaultAsync(cancellationToken);
        }
        var remote = new Data.Entities.Remote
        {
            Name = request.Name?.Trim() ?? "", Host = request.Host!.Trim(), Transport = transport, ModuleOrPath = request.ModuleOrPath!.Trim(),
            User = string.IsNullOrWhiteSpace(request.User) ? null : request.User.Trim(),
            ProtectedPassword = string.IsNullOrEmpty(request.Password) ? storedPassword : protector.Protect(request.Password),
            Port = request.Port, TimeoutSeconds = request.TimeoutSeconds,
            SshKeyPath = string.IsNullOrWhiteSpace(request.SshKeyPath) ? null : request.SshKeyPath.Trim(),
            KnownHostsPath = string.IsNullOrWhiteSpace(request.KnownHostsPath) ? null : request.KnownHostsPath.Trim(),
            ExtraArgs = request.ExtraArgs?.Trim() ?? "", BandwidthLimitKbps = request.BandwidthLimitKbps,
        };
        return (await probe.ProbeAsync(JobDefinitionMapper.ToDefinition(remote, protector.Unprotect), cancellationToken), null);
    }
}
