using SyncConsole.Engine.Coalescing;
using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Watching;
using SyncConsole.TestSupport;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Coalescing;

/// <summary>The wiring a job runner does: watcher callbacks feed each remote's coalescer; the delivery loop pulls batches.</summary>
public class WatcherToCoalescerTests
{
    [Fact]
    public async Task WatcherFeedsCoalescer_MixedActivity_BatchHoldsTheRightChangedPaths()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("docs"));
        Directory.CreateDirectory(temp.Combine("old", "deep"));
        File.WriteAllText(temp.Combine("old", "deep", "a.txt"), "a");
        File.WriteAllText(temp.Combine("gone.txt"), "g");
        var job = new JobDefinition { Id = 7, Name = "j", WatchPath = temp.Path, SettleDelay = TimeSpan.FromSeconds(1) };
        var coalescer = ChangeCoalescer.ForJob(job);
        var overflowed = false;
        await using var watcher = InotifyWatcher.ForJob(job, coalescer.Add, signal =>
        {
            if (signal.FullSyncNeeded) { overflowed = true; coalescer.RequestFullSync(); }
        });
        await watcher.StartAsync();

        File.WriteAllText(temp.Combine("docs", "r.md"), "1");
        File.WriteAllText(temp.Combine("docs", "r.md"), "2");   // same path again: one entry
        File.WriteAllText(temp.Combine("docs", ".r.md.swp"), "s"); // temp file: nothing
        Directory.CreateDirectory(temp.Combine("fresh", "x"));
        File.WriteAllText(temp.Combine("fresh", "x", "n.txt"), "n"); // swallowed by the recursive "fresh"
        Directory.Move(temp.Combine("old"), temp.Combine("renamed"));
        File.Delete(temp.Combine("gone.txt"));

        var seen = new List<ChangedPath>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var expected = new[]
        {
            new ChangedPath("docs/r.md", false), new ChangedPath("fresh", true), new ChangedPath("gone.txt", false),
            new ChangedPath("old", true), new ChangedPath("renamed", true) { MovedFrom = "old" },
        };
        while (!expected.All(seen.Contains))
            seen.AddRange(await coalescer.NextBatchAsync(cts.Token));

        Assert.False(overflowed);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.DoesNotContain(seen, c => c.RelativePath.StartsWith("fresh/", StringComparison.Ordinal));
        Assert.DoesNotContain(seen, c => c.RelativePath.Contains(".swp"));
        Assert.Equal(expected.OrderBy(c => c.RelativePath, StringComparer.Ordinal), seen.OrderBy(c => c.RelativePath, StringComparer.Ordinal));
    }
}
