using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Plugins;

internal static class PluginTestData
{
    public static DeliveredBatch Batch(string watchPath, params string[] relativePaths) => new()
    {
        Job = new JobDefinition { Id = 7, Name = "site", WatchPath = watchPath },
        Remote = new RemoteDefinition { Id = 2, Name = "web1", Host = "127.0.0.1", ModuleOrPath = "www" },
        Paths = relativePaths.Select(p => new ChangedPath(p, false)).ToList(),
        Bytes = 42, Time = DateTimeOffset.UnixEpoch,
    };
}
