namespace SyncConsole.Engine.Plugins;

/// <summary>Something that reacts to delivered paths. Implementations publish their own PluginRan/PluginFailed events.</summary>
public interface IDeliveryPlugin
{
    PluginKind Kind { get; }

    /// <summary>Runs for every remote (true) or for the primary remote only (false); see <see cref="DeliveredBatch.IsPrimary"/>.</summary>
    bool RunsPerRemote { get; }

    /// <summary>Handles one batch. Throwing is allowed: the dispatcher reports it as PluginFailed and carries on.</summary>
    Task RunAsync(DeliveredBatch batch, CancellationToken cancellationToken);
}
