namespace SyncConsole.Web.Contracts;

/// <summary>A remote an import creates, or the existing one it reuses (<see cref="ExistingId"/>).</summary>
public sealed record ImportRemoteSummary
{
    public required string Name { get; init; }
    public required string Host { get; init; }
    public required string Transport { get; init; }
    public required string ModuleOrPath { get; init; }
    public string? User { get; init; }
    public int? Port { get; init; }
    public int? TimeoutSeconds { get; init; }
    /// <summary>A password was read from the password file (it is never shown).</summary>
    public bool HasPassword { get; init; }
    /// <summary>Auth is on but no password could be read: enter it on the remote before it can sync.</summary>
    public bool NeedsPassword { get; init; }
    public int? ExistingId { get; init; }
    /// <summary>The job's folder inside the module or path ("" = its root).</summary>
    public string Destination { get; init; } = "";
}
