using SyncConsole.TestSupport;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Tests.Hosting;

public sealed class RsyncProbeTests
{
    [Fact]
    public async Task ProbeAsync_RsyncOnPath_ReportsPathAndVersion()
    {
        var status = await RsyncProbe.ProbeAsync();

        Assert.True(status.Available, status.Problem);
        Assert.True(File.Exists(status.Path));
        Assert.Matches(@"^\d+\.\d+\.\d+", status.Version!);
    }

    [Fact]
    public async Task ProbeAsync_PathWithoutRsync_ReportsMissingWithInstallHint()
    {
        using var empty = new TempDirectory("syncconsole-nopath");

        var status = await RsyncProbe.ProbeAsync(empty.Path);

        Assert.False(status.Available);
        Assert.Null(status.Path);
        Assert.Contains("not found", status.Problem);
    }
}
