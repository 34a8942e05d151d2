using System.Text.Json;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;
using static SyncConsole.Engine.Tests.Delivery.DeliveryHarness;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Delivery;

/// <summary>Delivery to an ssh remote (<c>user@host:path</c> over <c>-e ssh</c>) against a real sshd on loopback.</summary>
public sealed class SshDeliveryTests : IAsyncLifetime
{
    private readonly TempDirectory source = new("syncconsole-src");
    private readonly InMemoryDeliveryJournal journal = new();
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly RsyncConcurrencyLimiter limiter = new(2);
    private SshServerFixture ssh = null!;
    private BatchDeliverer deliverer = null!;
    private JobDefinition job = null!;

    public async Task InitializeAsync()
    {
        ssh = await SshServerFixture.StartNewAsync();
        deliverer = TestEngine.Deliverer(journal, events, limiter, options: new DeliveryOptions());
        job = new JobDefinition { Id = 7, Name = "job", WatchPath = source.Path };
    }

    public async Task DisposeAsync()
    {
        await ssh.DisposeAsync();
        limiter.Dispose();
        source.Dispose();
    }

    [Fact]
    public async Task DeliverAsync_NewFileNestedFolderWithSpaceAndDelete_ArriveByteIdentical()
    {
        Write("keep.txt", "keep");
        Write("gone.txt", "to be deleted");
        AssertDelivered(await Deliver(ssh.Remote(), Tree("")));
        TreeAssert.Identical(source.Path, ssh.TargetPath);

        Write("new.bin", "new file\0with a NUL and ünïcødé");
        Write("my folder/inner dir/deep file.txt", "nested");
        File.Delete(Combine("gone.txt"));
        var outcome = await Deliver(ssh.Remote(), File_("new.bin"), Tree("my folder"), File_("gone.txt"));

        AssertDelivered(outcome);
        Assert.Single(outcome.Runs);
        TreeAssert.Identical(source.Path, ssh.TargetPath);
        Assert.False(File.Exists(Path.Combine(ssh.TargetPath, "gone.txt")));
        Assert.Equal("nested", File.ReadAllText(Path.Combine(ssh.TargetPath, "my folder/inner dir/deep file.txt")));
    }

    [Fact]
    public async Task FullSyncAsync_OverSsh_MirrorsTreeAndRemovesStaleFiles()
    {
        Write("index.html", "i");
        Write("assets/dir with space/#odd;name.css", "css");
        Directory.CreateDirectory(Path.Combine(ssh.TargetPath, "stale/sub"));
        File.WriteAllText(Path.Combine(ssh.TargetPath, "stale/sub/old.txt"), "old");

        var outcome = await deliverer.FullSyncAsync(job, ssh.Remote(), RunKind.Full, CancellationToken.None);

        AssertDelivered(outcome);
        TreeAssert.Identical(source.Path, ssh.TargetPath);
        var run = journal.Runs.Single();
        Assert.Equal(RunKind.Full, run.Kind);
        Assert.Equal(2, run.FilesTransferred);
    }

    [Fact]
    public async Task DeliverAsync_WrongKey_FailLogSaysSshRefusedAndRemoteUnchanged()
    {
        File.WriteAllText(Path.Combine(ssh.TargetPath, "existing.txt"), "untouched");
        Write("a.txt", "a");
        var remote = ssh.Remote() with { SshKeyPath = ssh.WrongKeyPath };
        using var sub = events.Subscribe();

        var outcome = await Deliver(remote, File_("a.txt"));

        Assert.False(outcome.Succeeded);
        var failure = journal.Failures.Last();
        Assert.Contains(failure.ExitCode, new[] { RsyncExitCodes.SshFailed, RsyncExitCodes.DataStream });
        Assert.Contains("ssh refused the login", failure.ExitMeaning);
        Assert.Contains("Permission denied (publickey", failure.StderrTail);
        Assert.Equal([File_("a.txt")], failure.Paths);
        Assert.Equal(["existing.txt"], Directory.GetFileSystemEntries(ssh.TargetPath).Select(Path.GetFileName));
        Assert.Equal("untouched", File.ReadAllText(Path.Combine(ssh.TargetPath, "existing.txt")));
        AssertNoPrivateKeyLeaked(remote.SshKeyPath!, sub);
    }

    [Fact]
    public async Task DeliverAsync_UnknownHostKey_FailsNamingHostKeyVerification()
    {
        Write("a.txt", "a");
        var remote = ssh.Remote() with { KnownHostsPath = ssh.EmptyKnownHostsPath };

        var outcome = await Deliver(remote, File_("a.txt"));

        Assert.False(outcome.Succeeded);
        var failure = journal.Failures.Last();
        // rsync reports ssh's 255 or, when it notices the closed pipe first, 12 (protocol data stream).
        Assert.Contains(failure.ExitCode, new[] { RsyncExitCodes.SshFailed, RsyncExitCodes.DataStream });
        Assert.Contains("ssh host key verification failed", failure.ExitMeaning);
        Assert.Contains("Host key verification failed", failure.StderrTail);
        Assert.Empty(Directory.GetFileSystemEntries(ssh.TargetPath));
        // Strict checking never writes the unknown key into the file.
        Assert.Equal("", File.ReadAllText(ssh.EmptyKnownHostsPath));
    }

    [Fact]
    public async Task DeliverAsync_AcceptedKey_KeyPathInCommandLineButNeverTheKey()
    {
        Write("a.txt", "a");
        using var sub = events.Subscribe();

        AssertDelivered(await Deliver(ssh.Remote(), File_("a.txt")));

        var run = journal.Runs.Single();
        Assert.Contains(ssh.ClientKeyPath, run.CommandLine);
        Assert.Contains("StrictHostKeyChecking=yes", run.CommandLine);
        AssertNoPrivateKeyLeaked(ssh.ClientKeyPath, sub);
    }

    [Fact]
    public async Task ProbeAsync_OverSsh_OkWithTopLevelCount()
    {
        File.WriteAllText(Path.Combine(ssh.TargetPath, "a.txt"), "a");
        Directory.CreateDirectory(Path.Combine(ssh.TargetPath, "dir with space"));
        var probe = new RemoteProbe(TestEngine.Rsync());

        var ok = await probe.ProbeAsync(ssh.Remote(), CancellationToken.None);
        var wrongKey = await probe.ProbeAsync(ssh.Remote() with { SshKeyPath = ssh.WrongKeyPath }, CancellationToken.None);
        var unknownHost = await probe.ProbeAsync(ssh.Remote() with { KnownHostsPath = ssh.EmptyKnownHostsPath }, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Ok, ok.Outcome);
        Assert.Equal(2, ok.FileCount);
        Assert.Equal(ProbeOutcome.AuthFailed, wrongKey.Outcome);
        Assert.Contains("Permission denied (publickey", wrongKey.Message);
        Assert.Equal(ProbeOutcome.AuthFailed, unknownHost.Outcome);
        Assert.Contains("Host key verification failed", unknownHost.Message);
    }

    private Task<DeliveryOutcome> Deliver(RemoteDefinition remote, params ChangedPath[] batch) =>
        deliverer.DeliverAsync(job, remote, batch, RunKind.Realtime, CancellationToken.None);

    private string Combine(string relative) => Path.Combine(source.Path, relative);

    private void Write(string relative, string content)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    /// <summary>The key's path may be shown; its base64 body must appear in no run, failure or event.</summary>
    private void AssertNoPrivateKeyLeaked(string keyPath, EngineEventStream.Subscription sub)
    {
        var body = File.ReadAllLines(keyPath).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(body);
        var seen = new List<string>();
        seen.AddRange(journal.Runs.Select(r => JsonSerializer.Serialize(r)));
        seen.AddRange(journal.Failures.Select(f => JsonSerializer.Serialize(f)));
        while (sub.Reader.TryRead(out var e)) seen.Add(JsonSerializer.Serialize(e));
        seen.AddRange(events.Recent().Select(e => JsonSerializer.Serialize(e)));
        Assert.NotEmpty(seen);
        foreach (var text in seen)
            foreach (var line in body)
                Assert.DoesNotContain(line, text);
    }
}
