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
}
