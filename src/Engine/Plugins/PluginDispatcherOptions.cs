namespace SyncConsole.Engine.Plugins;

public sealed record PluginDispatcherOptions
{
    /// <summary>Batches waiting for plugins; when full the oldest is dropped (with a PluginFailed event), never delivery.</summary>
    public int QueueCapacity { get; init; } = 1000;
    /// <summary>Batches handled at the same time, across all jobs.</summary>
    public int MaxConcurrentBatches { get; init; } = 2;
    /// <summary>Command plugin processes running at the same time for one batch.</summary>
    public int MaxConcurrentCommands { get; init; } = 4;
    /// <summary>First webhook retry delay; doubles per attempt.</summary>
    public TimeSpan WebhookBackoff { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Socket plugin connect timeout (sersync: 5 tries of 100 ms).</summary>
    public TimeSpan SocketTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>refreshCDN request timeout (sersync used 300 ms).</summary>
    public TimeSpan CdnTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
