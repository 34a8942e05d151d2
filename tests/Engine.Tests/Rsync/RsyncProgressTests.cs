using System.Collections.Concurrent;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Rsync;

public class RsyncProgressTests
{
    [Fact]
    public void Parse_Progress2LineWithCounters()
    {
        var p = RsyncProgressParser.TryParse("     30000000   33%   11.01MB/s    0:00:05 (xfr#10, to-chk=20/31)");
        Assert.NotNull(p);
        Assert.Equal(30_000_000, p.BytesDone);
        Assert.Equal(33, p.Percent);
        Assert.Equal(10, p.FilesTransferred);
        Assert.Equal(31, p.FilesTotal);
        Assert.Equal(11, p.FilesChecked);
        Assert.True(p.TotalsFinal);
        Assert.Equal(TimeSpan.FromSeconds(5), p.Remaining);
    }

    [Fact]
    public void Parse_FileListStillGrowing_TotalsNotFinal_AndSeparatorsInNumbers()
    {
        var p = RsyncProgressParser.TryParse("  1,234,567  45%  2.00MB/s  0:01:02 (xfr#3, ir-chk=1000/2000)");
        Assert.NotNull(p);
        Assert.Equal(1_234_567, p.BytesDone);
        Assert.False(p.TotalsFinal);
        Assert.Equal(TimeSpan.FromSeconds(62), p.Remaining);
    }

    [Fact]
    public void Parse_LineWithoutCounters_HasBytesOnly()
    {
        var p = RsyncProgressParser.TryParse("          32768   0%    0.00kB/s    0:00:00  ");
        Assert.NotNull(p);
        Assert.Null(p.FilesTotal);
    }

    [Theory]
    [InlineData("sending incremental file list")]
    [InlineData("Number of files: 31 (reg: 30, dir: 1)")]
    [InlineData("f1")]
    [InlineData("100% sure.txt")]
    [InlineData("")]
    public void Parse_OtherOutput_IsNotProgress(string line) => Assert.Null(RsyncProgressParser.TryParse(line));

    [Fact]
    public async Task RunAsync_WithProgress_ReportsGrowingProgressWhileRunning_AndStillReadsTheStats()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        using var src = new TempDirectory();
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var bytes = new byte[512 * 1024];
            random.NextBytes(bytes);
            await File.WriteAllBytesAsync(src.Combine($"f{i:00}.bin"), bytes);
        }
        var job = new JobDefinition { Id = 1, Name = "j", WatchPath = src.Path, RsyncParams = "-artuz" };
        // Slow enough (about 5 s) that progress lines come while it runs.
        var invocation = RsyncCommandBuilder.BuildFullSync(job, daemon.Remote() with { BandwidthLimitKbps = 2048 });
        var seen = new ConcurrentQueue<(RsyncProgress Progress, DateTime At)>();

        var result = await TestEngine.Rsync().RunAsync(invocation, CancellationToken.None, progress: p => seen.Enqueue((p, DateTime.UtcNow)));
        var ended = DateTime.UtcNow;

        Assert.True(result.Succeeded, result.StderrTail);
        Assert.Equal(20, result.Stats.FilesTransferred);
        var list = seen.ToList();
        Assert.True(list.Count >= 3, $"{list.Count} progress lines");
        // Reported as it streamed, not after the end, and moving forward.
        Assert.Contains(list, x => x.Progress.Percent is > 0 and < 100 && x.At < ended.AddSeconds(-1));
        Assert.True(list.Zip(list.Skip(1)).All(pair => pair.Second.Progress.BytesDone >= pair.First.Progress.BytesDone), "bytes never go back");
        Assert.Equal(100, list[^1].Progress.Percent);
        Assert.Equal(21, list[^1].Progress.FilesTotal); // 20 files and the folder itself
    }
}
