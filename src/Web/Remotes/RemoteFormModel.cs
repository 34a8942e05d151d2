using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Remotes;

/// <summary>The remote form's editable state. The password is write-only: empty means "keep what is stored".</summary>
public sealed class RemoteFormModel
{
    public string Name { get; set; } = "";
    public string Transport { get; set; } = "daemon";
    public string Host { get; set; } = "";
    public int? Port { get; set; }
    public string ModuleOrPath { get; set; } = "";
    public string? User { get; set; }
    public string? Password { get; set; }
    public bool RemovePassword { get; set; }
    public bool HasSecret { get; set; }
    public int? TimeoutSeconds { get; set; }
    public string? SshKeyPath { get; set; }
    public string? KnownHostsPath { get; set; }
    public string? ExtraArgs { get; set; }
    public int? BandwidthLimitKbps { get; set; }

    public static RemoteFormModel From(RemoteResponse remote) => new()
    {
        Name = remote.Name,
        Transport = remote.Transport,
        Host = remote.Host,
        Port = remote.Port,
        ModuleOrPath = remote.ModuleOrPath,
        User = remote.User,
        HasSecret = remote.HasSecret,
        TimeoutSeconds = remote.TimeoutSeconds,
        SshKeyPath = remote.SshKeyPath,
        KnownHostsPath = remote.KnownHostsPath,
        ExtraArgs = remote.ExtraArgs,
        BandwidthLimitKbps = remote.BandwidthLimitKbps,
    };

    public RemoteRequest ToRequest() => new()
    {
        Name = Name,
        Transport = Transport,
        Host = Host,
        Port = Port,
        ModuleOrPath = ModuleOrPath,
        User = User,
        // RemoteStore: null keeps the stored password, "" removes it.
        Password = RemovePassword ? "" : string.IsNullOrEmpty(Password) ? null : Password,
        TimeoutSeconds = TimeoutSeconds,
        SshKeyPath = Transport == "ssh" ? SshKeyPath : null,
        KnownHostsPath = Transport == "ssh" ? KnownHostsPath : null,
        ExtraArgs = ExtraArgs,
        BandwidthLimitKbps = BandwidthLimitKbps,
    };
}
