using SyncConsole.Engine.Jobs;

namespace SyncConsole.Data.Entities;

/// <summary>A delivery target; one remote can serve several jobs.</summary>
public sealed class Remote
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Host { get; set; }
    public RemoteTransport Transport { get; set; } = RemoteTransport.Daemon;
    /// <summary>The rsync daemon module, or the target path for ssh.</summary>
    public required string ModuleOrPath { get; set; }
    public string? User { get; set; }
    /// <summary>The password as protected by ASP.NET Core Data Protection; never plaintext.</summary>
    public string? ProtectedPassword { get; set; }
    public int? Port { get; set; }
    public int? TimeoutSeconds { get; set; }
    public string? SshKeyPath { get; set; }
    /// <summary>ssh only: the known_hosts file checked strictly; null uses ssh's defaults.</summary>
    public string? KnownHostsPath { get; set; }
    public string ExtraArgs { get; set; } = "";
    public int? BandwidthLimitKbps { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<JobRemote> JobRemotes { get; set; } = [];
}
