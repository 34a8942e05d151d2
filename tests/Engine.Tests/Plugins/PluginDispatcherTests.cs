using Microsoft.Extensions.Logging.Abstractions;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;
using SyncConsole.TestSupport;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Plugins;

public sealed class PluginDispatcherTests : IDisposable
{
    private readonly TempDirectory dir = new("syncconsole-dispatch");
    private readonly EngineEventStream events = new(TimeProvider.System);

    public void Dispose() => dir.Dispose();

    private string Script(string name, string body)
    {
        var path = dir.Combine(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static DeliveredBatch Batch(JobDefinition job, string path) => new() { Job = job, Paths = [new ChangedPath(path, false)] };

    [Fact]
    public async Task Notify_UnrunnablePlugin_ReportedAndTheNextPluginStillRuns()
    {
        await using var dispatcher = new PluginDispatcher(events, new PluginDispatcherOptions(), TimeProvider.System, NullLogger.Instance);
        var log = dir.Combine("ran.log");
        var job = new JobDefinition
        {
            Id = 1, Name = "j", WatchPath = "/srv",
            Plugins =
            [
                new PluginDefinition(PluginKind.Command, new CommandPluginSettings { Prefix = "'unterminated" }),
                new PluginDefinition(PluginKind.Command, new CommandPluginSettings { Prefix = Script("ok.sh", $"echo \"$1\" >> '{log}'") }),
            ],
        };

        dispatcher.Notify(Batch(job, "a.txt"));

        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllText(log).Trim() == "/srv/a.txt", "second plugin ran");
        Assert.Contains(events.Recent(), e => e.Kind == EngineEventKind.PluginFailed && e.Message!.StartsWith("Command:"));
    }

    [Fact]
    public async Task Notify_QueueFull_DropsOldestWithAnEventAndNeverBlocks()
    {
        var started = dir.Combine("started");
        await using var dispatcher = new PluginDispatcher(events, new PluginDispatcherOptions { QueueCapacity = 1, MaxConcurrentBatches = 1 }, TimeProvider.System, NullLogger.Instance);
        var job = new JobDefinition
        {
            Id = 2, Name = "slow", WatchPath = "/srv",
            Plugins = [new PluginDefinition(PluginKind.Command, new CommandPluginSettings { Prefix = Script("slow.sh", $"touch '{started}'; sleep 3"), TimeoutSeconds = 10 })],
        };
        dispatcher.Notify(Batch(job, "first"));
        await Eventually.TrueAsync(() => File.Exists(started), "the first batch is running");

        dispatcher.Notify(Batch(job, "second"));
        dispatcher.Notify(Batch(job, "third"));

        Assert.Contains(events.Recent(), e => e.Kind == EngineEventKind.PluginFailed && e.Message!.Contains("queue full"));
    }
}
