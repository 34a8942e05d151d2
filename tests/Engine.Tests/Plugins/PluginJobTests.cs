using Microsoft.Extensions.Logging.Abstractions;
using System.Text.Json;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Running;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Plugins;

/// <summary>Plugins inside running jobs: real inotify, real rsync to loopback daemons, real receivers.</summary>
public sealed class PluginJobTests : IAsyncLifetime
{
    private readonly TempDirectory source = new("syncconsole-pjob");
    private readonly TempDirectory scripts = new("syncconsole-pscripts");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly RsyncConcurrencyLimiter limiter = new(4);
    private PluginDispatcher dispatcher = null!;
    private RsyncDaemonFixture first = null!;
    private RsyncDaemonFixture second = null!;
    private BatchDeliverer deliverer = null!;

    public async Task InitializeAsync()
    {
        first = await RsyncDaemonFixture.StartNewAsync();
        second = await RsyncDaemonFixture.StartNewAsync();
        deliverer = TestEngine.Deliverer(journal, events, limiter);
        dispatcher = new PluginDispatcher(events, new PluginDispatcherOptions { WebhookBackoff = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, NullLogger.Instance);
    }

    public async Task DisposeAsync()
    {
        await dispatcher.DisposeAsync();
        await first.DisposeAsync();
        await second.DisposeAsync();
        limiter.Dispose();
        source.Dispose();
        scripts.Dispose();
    }

    private string LogScript()
    {
        var path = scripts.Combine("log.sh");
        File.WriteAllText(path, $"#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{scripts.Combine("args.log")}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private string[] Logged() => File.Exists(scripts.Combine("args.log")) ? File.ReadAllLines(scripts.Combine("args.log")) : [];

    private JobRunner Runner(JobDefinition job) => new(job, deliverer, journal, events, new JobRunnerOptions(), TimeProvider.System, NullLogger.Instance, dispatcher);

    [Fact]
    public async Task Delivery_FailingPlugins_FileStillDeliveredAndFailuresAreEvents()
    {
        var job = new JobDefinition
        {
            Id = 5, Name = "pj", WatchPath = source.Path, Remotes = [first.Remote(1)],
            Plugins =
            [
                new PluginDefinition(PluginKind.Command, new CommandPluginSettings { Prefix = scripts.Combine("missing-program"), IgnoreError = false }),
                new PluginDefinition(PluginKind.Socket, new SocketPluginSettings { Host = "127.0.0.1", Port = LoopbackPort.Free() }),
            ],
        };
        await using var runner = Runner(job);
        await runner.StartAsync();

        File.WriteAllText(source.Combine("a.txt"), "hello");

        await Eventually.TrueAsync(() => File.Exists(Path.Combine(first.ModulePath, "a.txt")), "file on the daemon");
        await Eventually.TrueAsync(() => events.Recent().Count(e => e.Kind == EngineEventKind.PluginFailed) >= 2, "both plugins reported failure");
        Assert.Equal("hello", File.ReadAllText(Path.Combine(first.ModulePath, "a.txt")));
        Assert.Empty(journal.Failures);
        Assert.NotEqual(JobState.Error, runner.Status.State);
    }

    [Fact]
    public async Task Delivery_TwoRemotes_CommandRunsOnceAndWebhookPerRemote()
    {
        using var hook = new LoopbackHttpServer();
        var job = new JobDefinition
        {
            Id = 6, Name = "two", WatchPath = source.Path, Remotes = [first.Remote(1), second.Remote(2)],
            Plugins =
            [
                new PluginDefinition(PluginKind.Command, new CommandPluginSettings { Prefix = LogScript() }),
                new PluginDefinition(PluginKind.Http, new HttpPluginSettings { Url = hook.Url }),
            ],
        };
        await using var runner = Runner(job);
        await runner.StartAsync();

        File.WriteAllText(source.Combine("page.html"), "x");

        await Eventually.TrueAsync(() => hook.Requests.Count == 2 && Logged().Length == 1, "one command run and two webhooks");
        Assert.Equal([source.Combine("page.html")], Logged());
        var remoteIds = hook.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("remote").GetProperty("id").GetInt32()).Order();
        Assert.Equal([1, 2], remoteIds);
        await Task.Delay(300); // a short negative check: no second command run for the second remote
        Assert.Single(Logged());
    }

    [Fact]
    public async Task PluginOnly_NoRemotes_CommandRunsWithoutRsync()
    {
        var job = new JobDefinition
        {
            Id = 8, Name = "only", WatchPath = source.Path, PluginOnly = true, Remotes = [first.Remote(1)],
            Plugins = [new PluginDefinition(PluginKind.Command, new CommandPluginSettings { Prefix = LogScript() })],
        };
        await using var runner = Runner(job);
        await runner.StartAsync();

        File.WriteAllText(source.Combine("b.txt"), "x");

        await Eventually.TrueAsync(() => Logged().Contains(source.Combine("b.txt")), "the command ran for b.txt");
        Assert.DoesNotContain(events.Recent(), e => e.Kind is EngineEventKind.RsyncStarted or EngineEventKind.RsyncFinished);
        Assert.False(File.Exists(Path.Combine(first.ModulePath, "b.txt")));
        Assert.Empty(runner.Status.Remotes);
    }
}
