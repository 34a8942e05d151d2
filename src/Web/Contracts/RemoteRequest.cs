namespace SyncConsole.Web.Contracts;

/// <summary>Body of <c>POST /api/remotes</c> and <c>PUT /api/remotes/{id}</c>.</summary>
public sealed record RemoteRequest
{
    public string? Name { get; init; }
    public string? Host { get; init; }
    /// <summary><c>daemon</c> (rsync daemon module) or <c>ssh</c>.</summary>
    public string? Transport { get; init; } = "daemon";
    public string? ModuleOrPath { get; init; }
    public string? User { get; init; }
    /// <summary>Write-only. On update: null keeps the stored password, "" removes it.</summary>
    public string? Password { get; init; }
    public int? Port { get; init; }
    public int? TimeoutSeconds { get; init; }
    public string? SshKeyPath { get; init; }
    /// <summary>ssh only: a known_hosts file; when set, ssh trusts only the host keys in it (strict checking).</summary>
    public string? KnownHostsPath { get; init; }
    public string? ExtraArgs { get; init; }
    public int? BandwidthLimitKbps { get; init; }
}
