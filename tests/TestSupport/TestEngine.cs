using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Delivery.Guard;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.TestSupport;

/// <summary>
/// The engine's parts as most tests want them, every choice in one place: the system clock, no child-process ledger,
/// default delivery options and a deletion guard without a device store. Production wires each one explicitly.
/// </summary>
public static class TestEngine
{
    public static RsyncRunner Rsync(string rsyncPath = "rsync", string? privateRoot = null) =>
        new(TimeProvider.System, ledger: null, privateRoot, rsyncPath);

    public static BatchDeliverer Deliverer(IDeliveryJournal journal, EngineEventStream events, RsyncConcurrencyLimiter limiter,
        IRsyncRunner? runner = null, DeliveryOptions? options = null, TimeProvider? clock = null)
    {
        runner ??= Rsync();
        return new BatchDeliverer(journal, events, limiter, runner, options ?? new DeliveryOptions(), clock ?? TimeProvider.System,
            new DeletionGuard(limiter, runner, devices: null));
    }
}
