using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Rsync;

public class RemoteProbeTests
{
    private readonly RemoteProbe probe = new(TestEngine.Rsync());

    [Fact]
    public async Task ProbeAsync_RightCredentials_OkWithTopLevelCount()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        File.WriteAllText(Path.Combine(daemon.ModulePath, "a.txt"), "a");
        Directory.CreateDirectory(Path.Combine(daemon.ModulePath, "dir with space/sub"));
        var result = await probe.ProbeAsync(daemon.Remote(), CancellationToken.None);
        Assert.Equal(ProbeOutcome.Ok, result.Outcome);
        Assert.Equal(2, result.FileCount);
        Assert.Contains("2 entries", result.Message);
    }

    [Fact]
    public async Task ProbeAsync_WrongPassword_AuthFailed()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        var result = await probe.ProbeAsync(daemon.Remote(password: "nope"), CancellationToken.None);
        Assert.Equal(ProbeOutcome.AuthFailed, result.Outcome);
        Assert.Equal(RsyncExitCodes.AuthOrStartup, result.ExitCode);
        Assert.Contains("authentication failed", result.Message);
    }

    [Fact]
    public async Task ProbeAsync_UnknownModule_SaysSo()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        var result = await probe.ProbeAsync(daemon.Remote() with { ModuleOrPath = "nosuch" }, CancellationToken.None);
        Assert.Equal(ProbeOutcome.ModuleUnknown, result.Outcome);
        Assert.Contains("no module named \"nosuch\"", result.Message);
    }

    [Fact]
    public async Task ProbeAsync_NothingListening_ConnectionRefused_NotHostUnreachable()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        await daemon.StopAsync();
        var result = await probe.ProbeAsync(daemon.Remote(), CancellationToken.None);
        Assert.Equal(ProbeOutcome.ConnectionRefused, result.Outcome);
        Assert.Contains("refused the connection", result.Message);
    }

    [Fact]
    public async Task ProbeAsync_RsyncMissing_SaysSo()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        var result = await new RemoteProbe(TestEngine.Rsync("/nonexistent/rsync")).ProbeAsync(daemon.Remote(), CancellationToken.None);
        Assert.Equal(ProbeOutcome.RsyncMissing, result.Outcome);
        Assert.Equal(127, result.ExitCode);
    }
}
