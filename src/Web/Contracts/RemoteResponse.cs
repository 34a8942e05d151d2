namespace SyncConsole.Web.Contracts;

/// <summary>A remote as the API shows it: the password never comes back, only whether one is stored.</summary>
public sealed record RemoteResponse
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required string Host { get; init; }
    public required string Transport { get; init; }
    public required string ModuleOrPath { get; init; }
    public string? User { get; init; }
    public required bool HasSecret { get; init; }
    public int? Port { get; init; }
    public int? TimeoutSeconds { get; init; }
    public string? SshKeyPath { get; init; }
    public string? KnownHostsPath { get; init; }
    public required string ExtraArgs { get; init; }
    public int? BandwidthLimitKbps { get; init; }
    public required IReadOnlyList<int> JobIds { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
