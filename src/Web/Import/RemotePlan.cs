using SyncConsole.Engine.Jobs;

namespace SyncConsole.Web.Import;

/// <summary>
/// One remote of an import: a new row named <see cref="Name"/>, or an existing remote with the same host, transport,
/// module or path, user and port (<see cref="ExistingId"/>), which is linked as it is.
/// </summary>
public sealed record RemotePlan(RemoteDefinition Definition, string Name, int? ExistingId)
{
    /// <summary>The reused remote's password, decrypted, only to compare with the file's; never reported.</summary>
    internal string? StoredPassword { get; init; }
}
