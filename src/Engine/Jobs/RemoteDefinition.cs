namespace SyncConsole.Engine.Jobs;

/// <summary>One delivery target as the engine sees it. <see cref="Password"/> is plaintext in memory only.</summary>
public sealed record RemoteDefinition
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required string Host { get; init; }
    public RemoteTransport Transport { get; init; } = RemoteTransport.Daemon;
    /// <summary>The daemon module name, or the remote path when <see cref="Transport"/> is ssh.</summary>
    public required string ModuleOrPath { get; init; }
    public string? User { get; init; }
    public string? Password { get; init; }
    public int? Port { get; init; }
    public int? TimeoutSeconds { get; init; }
    public string? SshKeyPath { get; init; }
    /// <summary>
    /// ssh only: a known_hosts file that alone decides which host keys are trusted (strict checking). Null: ssh's
    /// defaults (the service user's ~/.ssh/known_hosts; BatchMode refuses an unknown key either way).
    /// </summary>
    public string? KnownHostsPath { get; init; }
    /// <summary>Extra rsync arguments for this remote only, split without a shell.</summary>
    public string ExtraArgs { get; init; } = "";
    public int? BandwidthLimitKbps { get; init; }
    /// <summary>
    /// The job's folder inside the module or ssh path ("" = its root, as sersync): relative, normalised (see
    /// <see cref="RemoteDestination"/>). Per job and remote: one remote row serves several jobs, each in its own folder.
    /// </summary>
    public string Destination { get; init; } = "";

    public override string ToString() => Name;
}
