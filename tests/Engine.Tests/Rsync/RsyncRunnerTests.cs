using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Rsync;

public class RsyncRunnerTests
{
    [Fact]
    public async Task RunAsync_Cancelled_KillsRsyncAndRemovesPrivateFiles()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        using var src = new TempDirectory();
        await File.WriteAllBytesAsync(src.Combine("big.bin"), new byte[8 * 1024 * 1024]);
        var job = new JobDefinition { Id = 1, Name = "j", WatchPath = src.Path, RsyncParams = "-a --whole-file" };
        var invocation = RsyncCommandBuilder.BuildBatch(job, daemon.Remote() with { BandwidthLimitKbps = 64 }, [new ChangedPath("big.bin", false)]);

        using var privateRoot = new TempDirectory("syncconsole-private");
        var runner = TestEngine.Rsync(privateRoot: privateRoot.Path);
        var started = new TaskCompletionSource<int>();
        runner.ProcessStarted = pid => started.TrySetResult(pid);
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync(invocation, cts.Token);
        var pid = await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotEmpty(Directory.GetDirectories(privateRoot.Path));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "), "rsync still running");
        Assert.Empty(Directory.GetDirectories(privateRoot.Path));
    }

    [Fact]
    public async Task RunAsync_MissingBinary_Returns127WithMeaning()
    {
        var runner = TestEngine.Rsync("/nonexistent/rsync");
        var result = await runner.RunAsync(new RsyncInvocation { WorkingDirectory = "/", Options = ["--version"], Operands = [] }, CancellationToken.None);
        Assert.Equal(RsyncExitCodes.NotFound, result.ExitCode);
        Assert.Equal("rsync binary not found", result.Meaning);
        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(24, true)]
    [InlineData(23, false)]
    [InlineData(5, false)]
    [InlineData(10, false)]
    public void ExitCodes_OnlyZeroAndVanishedSucceed(int code, bool success)
    {
        Assert.Equal(success, RsyncExitCodes.IsSuccess(code));
        Assert.DoesNotContain("unknown rsync exit code", RsyncExitCodes.Describe(code));
    }

    [Fact]
    public void Describe_RefusedConnection_SaysConnectionRefused_NotHostUnreachable()
    {
        var meaning = RsyncExitCodes.Describe(10, "rsync: [sender] failed to connect to 127.0.0.1 (127.0.0.1): Connection refused (111)");
        Assert.Contains("connection refused", meaning);
        Assert.DoesNotContain("unreachable", meaning);
        Assert.Contains("host unreachable", RsyncExitCodes.Describe(10, "rsync: failed to connect to 10.9.9.9: No route to host (113)"));
    }
}
