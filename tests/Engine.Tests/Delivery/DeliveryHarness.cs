using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Delivery;

/// <summary>A watched source folder, a real rsync daemon and a deliverer wired to an in-memory journal.</summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    private readonly TempDirectory source = new("syncconsole-src");

    private DeliveryHarness(RsyncDaemonFixture daemon, DeliveryOptions options, string rsyncPath, int maxConcurrent)
    {
        Daemon = daemon;
        Runner = TestEngine.Rsync(rsyncPath);
        Limiter = new RsyncConcurrencyLimiter(maxConcurrent);
        Deliverer = TestEngine.Deliverer(Journal, Events, Limiter, Runner, options);
        Job = new JobDefinition { Id = 7, Name = "job", WatchPath = source.Path };
    }

    public RsyncDaemonFixture Daemon { get; }
    public InMemoryDeliveryJournal Journal { get; } = new();
    public EngineEventStream Events { get; } = new(TimeProvider.System);
    public RsyncRunner Runner { get; }
    public RsyncConcurrencyLimiter Limiter { get; }
    public BatchDeliverer Deliverer { get; }
    public JobDefinition Job { get; set; }
    public string Source => source.Path;
    /// <summary>The job's destination folder inside the module ("" = its root, as sersync).</summary>
    public string Destination { get; set; } = "";
    public RemoteDefinition Remote => Daemon.Remote() with { Destination = Destination };
    /// <summary>Where <see cref="Remote"/>'s files land.</summary>
    public string Target => Destination.Length == 0 ? Daemon.ModulePath : System.IO.Path.Combine(Daemon.ModulePath, Destination);

    public static async Task<DeliveryHarness> StartAsync(DeliveryOptions? options = null, string rsyncPath = "rsync",
        int maxConcurrent = 2, string? moduleExclude = null)
    {
        var daemon = await RsyncDaemonFixture.StartNewAsync(moduleExclude: moduleExclude);
        return new DeliveryHarness(daemon, options ?? new DeliveryOptions(), rsyncPath, maxConcurrent);
    }

    public string Path(string relative) => System.IO.Path.Combine(Source, relative);

    public void Write(string relative, string content)
    {
        var full = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public Task<DeliveryOutcome> DeliverAsync(params ChangedPath[] batch) => DeliverAsync(Remote, batch);

    public Task<DeliveryOutcome> DeliverAsync(RemoteDefinition remote, params ChangedPath[] batch) =>
        Deliverer.DeliverAsync(TargetFor(remote), batch, RunKind.Realtime, CancellationToken.None);

    /// <summary>One target per job and remote, as a running worker keeps it (a new <see cref="Job"/> is a new target).</summary>
    public DeliveryTarget TargetFor(RemoteDefinition remote)
    {
        lock (targets)
        {
            if (!targets.TryGetValue((Job, remote), out var target)) targets[(Job, remote)] = target = Deliverer.TargetFor(Job, remote);
            return target;
        }
    }

    private readonly Dictionary<(JobDefinition, RemoteDefinition), DeliveryTarget> targets = [];

    public static ChangedPath File_(string p) => new(p, false);
    public static ChangedPath Tree(string p) => new(p, true);

    public static void AssertDelivered(DeliveryOutcome outcome)
    {
        Assert.True(outcome.Succeeded, "delivery failed: " + string.Join(" | ", outcome.Runs.Select(r => $"{r.ExitCode} {r.StderrTail} [{r.CommandLine}]")));
    }

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        Limiter.Dispose();
        source.Dispose();
    }
}
