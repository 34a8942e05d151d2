namespace SyncConsole.Engine.Plugins;

/// <summary>sersync's socket plugin: send each delivered absolute path to a TCP listener.</summary>
public sealed record SocketPluginSettings
{
    public required string Host { get; init; }
    public required int Port { get; init; }
}
