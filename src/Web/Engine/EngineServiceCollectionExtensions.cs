using Microsoft.Extensions.Options;
using SyncConsole.Data.Journal;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Delivery.Guard;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Plugins;
using SyncConsole.Engine.Processes;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>The engine's pieces as singletons: one rsync cap, one deliverer and one supervisor for all jobs.</summary>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services)
    {
        services.AddSingleton(sp => new RsyncConcurrencyLimiter(
            sp.GetRequiredService<IOptions<SyncConsoleOptions>>().Value.Engine.EffectiveMaxConcurrentRsync));
        // Password files live in a private folder of the data directory, not in a shared /tmp.
        services.AddSingleton(sp => new ChildProcessLedger(sp.GetRequiredService<SyncConsolePaths>().ChildrenDirectory));
        services.AddSingleton(sp => new RsyncRunner(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ChildProcessLedger>(),
            privateRoot: sp.GetRequiredService<SyncConsolePaths>().RuntimeDirectory));
        // The seam every engine part runs rsync through; the real process unless a test replaces it.
        services.AddSingleton<IRsyncRunner>(sp => sp.GetRequiredService<RsyncRunner>());
        services.AddSingleton<IWatchDeviceStore, SqliteWatchDeviceStore>();
        services.AddSingleton(sp => new DeletionGuard(sp.GetRequiredService<RsyncConcurrencyLimiter>(), sp.GetRequiredService<IRsyncRunner>(),
            sp.GetRequiredService<IWatchDeviceStore>()));
        services.AddSingleton(sp => new BatchDeliverer(
            sp.GetRequiredService<IDeliveryJournal>(), sp.GetRequiredService<EngineEventStream>(),
            sp.GetRequiredService<RsyncConcurrencyLimiter>(), sp.GetRequiredService<IRsyncRunner>(),
            new DeliveryOptions(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<DeletionGuard>()));
        services.AddSingleton(sp => new PluginDispatcher(sp.GetRequiredService<EngineEventStream>(), new PluginDispatcherOptions(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<PluginDispatcher>()));
        services.AddSingleton(sp => new JobSupervisor(
            sp.GetRequiredService<BatchDeliverer>(), sp.GetRequiredService<IDeliveryJournal>(),
            sp.GetRequiredService<EngineEventStream>(),
            new JobRunnerOptions
            {
                RunsPerRemote = sp.GetRequiredService<IOptions<SyncConsoleOptions>>().Value.Engine.RunsPerRemote,
                ShutdownGrace = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SyncConsoleOptions>>().Value.Engine.ShutdownGraceSeconds),
            },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<PluginDispatcher>()));
        services.AddSingleton(sp => new RemoteVerifier(
            sp.GetRequiredService<IDeliveryJournal>(), sp.GetRequiredService<EngineEventStream>(),
            sp.GetRequiredService<RsyncConcurrencyLimiter>(), sp.GetRequiredService<IRsyncRunner>()));
        services.AddHostedService<EngineHost>();
        return services;
    }
}
