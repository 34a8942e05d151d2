using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Rsync;
using static SyncConsole.Engine.Tests.Delivery.DeliveryHarness;

namespace SyncConsole.Engine.Tests.Delivery;

/// <summary>
/// A job whose full syncs also skip the live excludes (the default for jobs made in the UI): the whole-tree runs leave
/// out what the regexes match, and verify does not call those files differences. An imported job (the switch off)
/// keeps sersync's split: its full sync sends them. Real rsync against a real daemon, sersync's <c>-artuz</c>.
/// </summary>
public class FullSyncLiveExcludesTests
{
    private static async Task<DeliveryHarness> TreeAsync(bool useLiveExcludes)
    {
        var h = await StartAsync();
        h.Job = h.Job with { RsyncParams = "-artuz", ExcludeRegexes = ["^cache/*", @".*\.tmp"], FullSyncUsesLiveExcludes = useLiveExcludes };
        h.Write("index.html", "home");
        h.Write("cache/x.html", "cached");
        h.Write("skip.tmp", "temporary");
        h.Write("sub/keep.txt", "kept");
        h.Write("sub/deep.tmp", "temporary too");
        return h;
    }

    private static bool OnRemote(DeliveryHarness h, string relative) =>
        File.Exists(Path.Combine(h.Daemon.ModulePath, relative)) || Directory.Exists(Path.Combine(h.Daemon.ModulePath, relative));

    [Fact]
    public async Task SwitchOn_FullSyncLeavesOutWhatTheRegexesExclude_AndVerifyFindsNoDifference()
    {
        await using var h = await TreeAsync(useLiveExcludes: true);
        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None));

        Assert.True(OnRemote(h, "index.html"));
        Assert.True(OnRemote(h, "sub/keep.txt"));
        Assert.False(OnRemote(h, "cache/x.html"));
        Assert.False(OnRemote(h, "cache"));
        Assert.False(OnRemote(h, "skip.tmp"));
        Assert.False(OnRemote(h, "sub/deep.tmp"));

        var verifier = new RemoteVerifier(h.Journal, h.Events, h.Limiter, h.Runner);
        var report = await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None);
        Assert.True(report.InSync, "differences: " + string.Join(", ", report.Differences.Select(d => d.Path)));

        // "Make identical" leaves them out too, and a remote copy of an excluded file (sent before the switch) stays.
        File.WriteAllText(Path.Combine(h.Daemon.ModulePath, "skip.tmp"), "older remote copy");
        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None, overwriteNewer: true));
        Assert.False(OnRemote(h, "cache/x.html"));
        Assert.Equal("older remote copy", File.ReadAllText(Path.Combine(h.Daemon.ModulePath, "skip.tmp")));
        Assert.True((await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None, deep: true)).InSync);
    }

    [Fact]
    public async Task SwitchOff_AsImported_FullSyncSendsThemLikeSersync_AndVerifyWithTheSwitchOnWouldReportNothingForThem()
    {
        await using var h = await TreeAsync(useLiveExcludes: false);
        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None));

        Assert.True(OnRemote(h, "cache/x.html"));
        Assert.True(OnRemote(h, "skip.tmp"));
        Assert.True(OnRemote(h, "sub/deep.tmp"));
        Assert.DoesNotContain("--from0", h.Journal.Runs[^1].CommandLine);
    }

    [Fact]
    public async Task SwitchOn_VerifyDoesNotReportExcludedLocalFilesMissingOnTheRemote_SwitchOffDoes()
    {
        await using var h = await TreeAsync(useLiveExcludes: true);
        AssertDelivered(await h.Deliverer.FullSyncAsync(h.Job, h.Remote, RunKind.Full, CancellationToken.None));
        var verifier = new RemoteVerifier(h.Journal, h.Events, h.Limiter, h.Runner);
        Assert.True((await verifier.VerifyAsync(h.Job, h.Remote, CancellationToken.None)).InSync);

        // The same remote judged as an imported job's: the excluded files are missing there, so differences.
        var imported = h.Job with { FullSyncUsesLiveExcludes = false };
        var report = await verifier.VerifyAsync(imported, h.Remote, CancellationToken.None);
        Assert.Contains(report.Differences, d => d.Path == "skip.tmp");
        Assert.Contains(report.Differences, d => d.Path.StartsWith("cache", StringComparison.Ordinal));
    }
}
