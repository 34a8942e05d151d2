using Microsoft.Extensions.Time.Testing;
using SyncConsole.Engine.Coalescing;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Watching;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Coalescing;

public class ChangeCoalescerTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(20);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private ChangeCoalescer Create(int max = 10_000) => new(Settle, max, clock);

    private static ChangedPath F(string path) => new(path, false);
    private static ChangedPath R(string path) => new(path, true);
    /// <summary>Seen while a run covering it was in flight (see <see cref="ChangedPath.SeenDuringRun"/>).</summary>
    private static ChangedPath S(ChangedPath path) => path with { SeenDuringRun = true };

    private IReadOnlyList<ChangedPath> TakeAfterSettle(ChangeCoalescer coalescer)
    {
        clock.Advance(Settle);
        Assert.True(coalescer.TryTakeBatch(out var batch, out _));
        return batch;
    }

    public static TheoryData<ChangedPath[], ChangedPath[]> Collapsing => new()
    {
        // repeated events on one path are one entry
        { [F("a.txt"), F("a.txt"), F("a.txt")], [F("a.txt")] },
        // a deleted or new directory (recursive) swallows its children, before and after
        { [F("d/x"), F("d/sub/y"), R("d"), F("d/z"), R("d/sub")], [R("d")] },
        // a recursive entry upgrades an existing plain one
        { [F("d"), F("d/x"), R("d")], [R("d")] },
        // a plain entry never downgrades a recursive one
        { [R("d"), F("d")], [R("d")] },
        // prefixes are path segments, not characters
        { [R("a"), F("ab/x"), F("a0"), F("a.b"), F("a/c")], [R("a"), F("a.b"), F("a0"), F("ab/x")] },
        { [R("a/b"), F("a/b/c/d"), F("a/bc"), F("a/x")], [R("a/b"), F("a/bc"), F("a/x")] },
        // the root as recursive is a full sync and swallows everything
        { [F("x"), R("y"), R(""), F("z/q")], [R("")] },
        // a plain root entry (e.g. attrib of the root) stays plain
        { [F(""), F("x")], [F(""), F("x")] },
    };

    [Theory]
    [MemberData(nameof(Collapsing))]
    public void Add_Sequence_CollapsesToExpectedBatch(ChangedPath[] added, ChangedPath[] expected)
    {
        var coalescer = Create();
        foreach (var change in added) coalescer.Add(change);

        Assert.Equal(expected.Length, coalescer.Count);
        Assert.Equal(expected, TakeAfterSettle(coalescer));
        Assert.Equal(0, coalescer.Count);
    }

    [Theory]
    [InlineData(FileChangeKind.Created, true, true)]
    [InlineData(FileChangeKind.MovedTo, true, true)]
    [InlineData(FileChangeKind.Deleted, true, true)]
    [InlineData(FileChangeKind.MovedFrom, true, true)]
    [InlineData(FileChangeKind.Rescan, true, true)]
    [InlineData(FileChangeKind.Attrib, true, false)]
    [InlineData(FileChangeKind.Created, false, false)]
    [InlineData(FileChangeKind.Deleted, false, false)]
    [InlineData(FileChangeKind.Written, false, false)]
    public void Add_FileChange_RecursiveOnlyForDirectoriesThatCameOrWent(FileChangeKind kind, bool isDirectory, bool recursive)
    {
        var coalescer = Create();
        coalescer.Add(new FileChange("p/q", kind, isDirectory));
        Assert.Equal([new ChangedPath("p/q", recursive)], TakeAfterSettle(coalescer));
    }

    [Fact]
    public void Add_RenamePair_OldPathIsAPlainEntryAndTheNewOneNamesIt()
    {
        var coalescer = Create();
        coalescer.Add(new FileChange("a/old", FileChangeKind.MovedFrom, true));
        coalescer.Add(new FileChange("b/new", FileChangeKind.MovedTo, true) { MovedFrom = "a/old" });
        coalescer.Add(new FileChange("f.txt", FileChangeKind.MovedFrom, false));
        coalescer.Add(new FileChange("d/g.txt", FileChangeKind.MovedTo, false) { MovedFrom = "f.txt" });
        coalescer.Add(new FileChange("in.txt", FileChangeKind.MovedTo, false)); // moved in from outside: no old path

        Assert.Equal([R("a/old"), R("b/new") with { MovedFrom = "a/old" }, F("d/g.txt") with { MovedFrom = "f.txt" }, F("f.txt"), F("in.txt")],
            TakeAfterSettle(coalescer));
    }

    [Fact]
    public void Add_LaterChangesOnAMovedPath_KeepItsOldPath_ALaterRenameReplacesIt_ARecursiveAncestorSwallowsIt()
    {
        var coalescer = Create();
        coalescer.Add(F("x") with { MovedFrom = "w" });
        coalescer.Add(F("x")); // written after the rename: still the same basis
        coalescer.Add(F("y") with { MovedFrom = "v" });
        coalescer.Add(F("y") with { MovedFrom = "u" }); // renamed over again: the latest old path
        coalescer.Add(F("d/z") with { MovedFrom = "t" });
        coalescer.Add(R("d"));

        Assert.Equal([R("d"), F("x") with { MovedFrom = "w" }, F("y") with { MovedFrom = "u" }], TakeAfterSettle(coalescer));
    }

    [Fact]
    public void TryTakeBatch_IdleConsumer_WithQuietDelayEqualToSettle_WaitsExactlyTheSettleDelayFromTheFirstChange()
    {
        // The fixed settle of before, still had by a quiet delay equal to the settle delay.
        var coalescer = new ChangeCoalescer(Settle, 10_000, clock, quietDelay: Settle);
        Assert.False(coalescer.TryTakeBatch(out _, out var wait));
        Assert.Equal(Timeout.InfiniteTimeSpan, wait);

        coalescer.Add(F("a"));
        Assert.False(coalescer.TryTakeBatch(out _, out wait));
        Assert.Equal(Settle, wait);

        clock.Advance(TimeSpan.FromMilliseconds(15));
        coalescer.Add(F("b")); // a later change of the same burst does not push the flush back
        Assert.False(coalescer.TryTakeBatch(out _, out wait));
        Assert.Equal(TimeSpan.FromMilliseconds(5), wait);

        clock.Advance(TimeSpan.FromMilliseconds(5));
        Assert.True(coalescer.TryTakeBatch(out var batch, out _));
        Assert.Equal([F("a"), F("b")], batch);
    }

    [Fact]
    public void TryTakeBatch_RenamesOldPathAlone_IsNotQuietUntilItsNewPathCame()
    {
        var coalescer = Create();
        coalescer.Add(R("album") with { PartnerFollows = true });
        // The watcher's thread was paused between the two halves of the rename for longer than the quiet delay.
        clock.Advance(ChangeCoalescer.DefaultQuietDelay * 3);
        Assert.False(coalescer.TryTakeBatch(out _, out _));

        coalescer.Add(R("album 2026") with { MovedFrom = "album" });
        clock.Advance(ChangeCoalescer.DefaultQuietDelay);
        Assert.True(coalescer.TryTakeBatch(out var batch, out _));
        Assert.Equal([R("album"), R("album 2026") with { MovedFrom = "album" }], batch);
    }

    [Fact]
    public void TryTakeBatch_LoneChange_GoesAfterTheQuietDelayNotTheSettleDelay()
    {
        var coalescer = Create();
        Assert.Equal(ChangeCoalescer.DefaultQuietDelay, coalescer.QuietDelay);
        coalescer.Add(F("a"));
        Assert.False(coalescer.TryTakeBatch(out _, out var wait));
        Assert.Equal(ChangeCoalescer.DefaultQuietDelay, wait);

        // The other events of the same save, a moment later, restart the quiet wait.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        coalescer.Add(F("a"));
        Assert.False(coalescer.TryTakeBatch(out _, out wait));
        Assert.Equal(ChangeCoalescer.DefaultQuietDelay, wait);

        clock.Advance(ChangeCoalescer.DefaultQuietDelay);
        Assert.True(coalescer.TryTakeBatch(out var batch, out _));
        Assert.Equal([F("a")], batch);
    }

    [Fact]
    public void TryTakeBatch_ChangesKeepArriving_BatchedUntilTheSettleDelayFromTheFirst()
    {
        var coalescer = Create();
        // A burst: a change every millisecond, never quiet for 2 ms.
        for (var i = 0; i < 19; i++)
        {
            coalescer.Add(F($"p{i:00}"));
            Assert.False(coalescer.TryTakeBatch(out _, out var wait));
            Assert.True(wait <= ChangeCoalescer.DefaultQuietDelay);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        coalescer.Add(F("p19"));
        Assert.False(coalescer.TryTakeBatch(out _, out var lastWait));
        Assert.Equal(TimeSpan.FromMilliseconds(1), lastWait); // the oldest reaches the settle delay first

        clock.Advance(TimeSpan.FromMilliseconds(1));
        coalescer.Add(F("p20")); // still arriving: the settle delay is the limit, the batch goes with all of them
        Assert.True(coalescer.TryTakeBatch(out var batch, out _));
        Assert.Equal(21, batch.Count);
    }

    [Fact]
    public void TryTakeBatch_CoveredChangesStillCountAsArriving()
    {
        var coalescer = Create();
        coalescer.Add(R("new"));
        clock.Advance(TimeSpan.FromMilliseconds(1.5));
        coalescer.Add(F("new/a")); // covered by the pending folder, but the folder is still being filled
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(coalescer.TryTakeBatch(out _, out _));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(coalescer.TryTakeBatch(out var batch, out _));
        Assert.Equal([R("new")], batch);
    }

    [Fact]
    public void Constructor_QuietDelay_NeverAboveTheSettleDelay()
    {
        Assert.Equal(TimeSpan.Zero, new ChangeCoalescer(TimeSpan.Zero, 10, clock).QuietDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(1), new ChangeCoalescer(TimeSpan.FromMilliseconds(1), 10, clock).QuietDelay);
        Assert.Equal(Settle, new ChangeCoalescer(Settle, 10, clock, quietDelay: TimeSpan.FromSeconds(1)).QuietDelay);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChangeCoalescer(Settle, 10, clock, quietDelay: TimeSpan.FromMilliseconds(-1)));
    }

    [Fact]
    public void TryTakeBatch_ChangesAccumulatedDuringARun_GoOutTheMomentTheRunEnds()
    {
        var coalescer = Create();
        coalescer.Add(F("first"));
        Assert.Equal([F("first")], TakeAfterSettle(coalescer));

        // The run takes 500 ms; changes arrive meanwhile.
        clock.Advance(TimeSpan.FromMilliseconds(100));
        coalescer.Add(F("during1"));
        clock.Advance(TimeSpan.FromMilliseconds(390));
        coalescer.Add(F("during2"));
        clock.Advance(TimeSpan.FromMilliseconds(10));

        Assert.True(coalescer.TryTakeBatch(out var next, out var wait));
        Assert.Equal(TimeSpan.Zero, wait);
        Assert.Equal([F("during1"), F("during2")], next);
    }

    [Fact]
    public void TryTakeBatch_ShortRunAndYoungChanges_OnlyTheRestOfTheSettleDelay()
    {
        var coalescer = Create();
        coalescer.Add(F("first"));
        TakeAfterSettle(coalescer);
        coalescer.Add(F("young")); // right after a batch: the burst goes on, so no quiet shortcut
        clock.Advance(TimeSpan.FromMilliseconds(8));

        Assert.False(coalescer.TryTakeBatch(out _, out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(12), wait);
        clock.Advance(TimeSpan.FromMilliseconds(12));
        Assert.True(coalescer.TryTakeBatch(out var batch, out _));
        Assert.Equal([F("young")], batch);
    }

    [Fact]
    public void TryTakeBatch_LoneChangeLongAfterTheLastBatch_GoesAfterTheQuietDelayAgain()
    {
        var coalescer = Create();
        coalescer.Add(F("first"));
        TakeAfterSettle(coalescer);
        clock.Advance(Settle); // a quiet stretch of one settle delay after the batch
        coalescer.Add(F("later"));
        Assert.False(coalescer.TryTakeBatch(out _, out var wait));
        Assert.Equal(ChangeCoalescer.DefaultQuietDelay, wait);
        clock.Advance(ChangeCoalescer.DefaultQuietDelay);
        Assert.True(coalescer.TryTakeBatch(out var batch, out _));
        Assert.Equal([F("later")], batch);
    }

    [Fact]
    public void TryTakeBatch_MoreThanMax_SplitsOldestFirstAndRestIsDueAtOnce()
    {
        var coalescer = Create(max: 10);
        for (var i = 24; i >= 0; i--) coalescer.Add(F($"p{i:00}")); // added newest name first

        var first = TakeAfterSettle(coalescer);
        Assert.Equal(10, first.Count);
        Assert.Equal(Enumerable.Range(15, 10).Select(i => F($"p{i:00}")), first);
        Assert.True(coalescer.TryTakeBatch(out var second, out _));
        Assert.Equal(10, second.Count);
        Assert.True(coalescer.TryTakeBatch(out var third, out _));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => F($"p{i:00}")), third);
        Assert.Equal(0, coalescer.Count);
    }

    [Fact]
    public void RequestFullSync_PendingPaths_BatchIsTheRootRecursive()
    {
        var coalescer = Create();
        coalescer.Add(F("a"));
        coalescer.RequestFullSync();
        coalescer.Add(F("b/c"));

        Assert.True(coalescer.FullSyncPending);
        Assert.Equal(1, coalescer.Count);
        Assert.Equal([R("")], TakeAfterSettle(coalescer));
        Assert.False(coalescer.FullSyncPending);
    }

    [Fact]
    public async Task NextBatchAsync_IdleThenAdd_CompletesOnlyAfterSettle()
    {
        var coalescer = new ChangeCoalescer(Settle, 10_000, clock, quietDelay: Settle);
        var next = coalescer.NextBatchAsync().AsTask();
        await Task.Delay(50);
        Assert.False(next.IsCompleted);

        coalescer.Add(F("a"));
        var start = clock.GetUtcNow();
        // Step the fake clock until the consumer has run; it must never fire before the settle delay.
        while (!next.IsCompleted && clock.GetUtcNow() - start < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
            if (next.IsCompleted) break;
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        var batch = await next.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([F("a")], batch);
        Assert.True(clock.GetUtcNow() - start >= Settle);
    }

    [Fact]
    public async Task NextBatchAsync_Cancelled_Throws()
    {
        var coalescer = Create();
        using var cts = new CancellationTokenSource();
        var next = coalescer.NextBatchAsync(cts.Token).AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void ForJob_TakesSettleAndMaxFromJob()
    {
        var job = new JobDefinition { Id = 1, Name = "j", WatchPath = "/tmp", SettleDelay = TimeSpan.FromMilliseconds(75), MaxBatchPaths = 3 };
        var coalescer = ChangeCoalescer.ForJob(job, clock);
        Assert.Equal(TimeSpan.FromMilliseconds(75), coalescer.SettleDelay);
        Assert.Equal(3, coalescer.MaxBatchPaths);
        Assert.Equal(ChangeCoalescer.DefaultQuietDelay, coalescer.QuietDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(75), ChangeCoalescer.ForJob(job with { QuietDelay = TimeSpan.FromMinutes(1) }, clock).QuietDelay);
    }

    [Fact]
    public async Task Add_ConcurrentWriters_NothingLost()
    {
        var coalescer = Create();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++) coalescer.Add(F($"t{t}/f{i % 2500}"));
        })));
        Assert.Equal(10_000, coalescer.Count);
    }

    private IReadOnlyList<ChangedPath> TakeConcurrentAfterSettle(ChangeCoalescer coalescer)
    {
        clock.Advance(Settle);
        Assert.True(coalescer.TryTakeBatch(out var batch, out _, concurrent: true));
        return batch;
    }

    [Fact]
    public void ConcurrentBatch_PathsOverlappingARunInFlight_WaitUntilItIsReleased()
    {
        var coalescer = Create();
        coalescer.Add(R("album1"));
        coalescer.Add(F("old/x1"));
        var first = TakeConcurrentAfterSettle(coalescer);
        Assert.Equal([R("album1"), F("old/x1")], first);

        // inside, equal to, and above what is in flight wait; the rest may run beside it
        coalescer.Add(F("album1/photo.jpg"));
        coalescer.Add(F("old/x1"));
        coalescer.Add(F("old"));
        coalescer.Add(F("old/x2"));
        coalescer.Add(F("album10"));
        var second = TakeConcurrentAfterSettle(coalescer);
        Assert.Equal([F("album10"), F("old/x2")], second);
        Assert.Equal(3, coalescer.Count);

        // nothing else may go while the first run is in flight, however long it takes
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(coalescer.TryTakeBatch(out _, out var wait, concurrent: true));
        Assert.Equal(Timeout.InfiniteTimeSpan, wait);

        coalescer.Release(first);
        // "old" is still above "old/x2" of the second run
        var third = TakeConcurrentAfterSettle(coalescer);
        // both arrived while a run covering them was in flight: that run may have sent them
        Assert.Equal([S(F("album1/photo.jpg")), S(F("old/x1"))], third);
        coalescer.Release(second);
        // ... and above "old/x1" of the third
        Assert.False(coalescer.TryTakeBatch(out _, out _, concurrent: true));
        coalescer.Release(third);
        Assert.Equal([F("old")], TakeConcurrentAfterSettle(coalescer));
    }

    [Fact]
    public void ConcurrentBatch_FullSyncPending_WaitsForEveryRunInFlightAndRunsAlone()
    {
        var coalescer = Create();
        coalescer.Add(F("a"));
        var first = TakeConcurrentAfterSettle(coalescer);
        coalescer.RequestFullSync();
        coalescer.Add(F("b"));

        clock.Advance(Settle);
        Assert.False(coalescer.TryTakeBatch(out _, out _, concurrent: true));
        coalescer.Release(first);
        var full = TakeConcurrentAfterSettle(coalescer);
        Assert.Equal([R("")], full);

        coalescer.Add(F("c"));
        clock.Advance(Settle);
        Assert.False(coalescer.TryTakeBatch(out _, out _, concurrent: true));
        coalescer.Release(full);
        var last = TakeConcurrentAfterSettle(coalescer);
        Assert.Equal([S(F("c"))], last); // seen while the full sync was in flight
        coalescer.Release(last);
        Assert.Equal(0, coalescer.InFlightCount);
    }

    [Fact]
    public void ConcurrentBatch_FreePathsSettleFromTheirOwnArrival_NotFromOlderHeldOnes()
    {
        var coalescer = Create();
        coalescer.Add(R("d"));
        var first = TakeConcurrentAfterSettle(coalescer);
        coalescer.Add(F("d/held"));
        clock.Advance(TimeSpan.FromSeconds(1));

        coalescer.Add(F("free"));
        Assert.False(coalescer.TryTakeBatch(out _, out var wait, concurrent: true));
        Assert.Equal(Settle, wait);
        Assert.Equal([F("free")], TakeConcurrentAfterSettle(coalescer));
        coalescer.Release(first);
        Assert.True(coalescer.TryTakeBatch(out var rest, out _, concurrent: true));
        Assert.Equal([S(F("d/held"))], rest);
    }

    [Fact]
    public async Task NextConcurrentBatchAsync_HeldPathBecomesFree_ReleaseWakesTheWaitingConsumer()
    {
        var coalescer = new ChangeCoalescer(TimeSpan.Zero, 100);
        coalescer.Add(F("a"));
        var first = await coalescer.NextConcurrentBatchAsync();
        coalescer.Add(F("a"));

        var next = coalescer.NextConcurrentBatchAsync().AsTask();
        await Task.Delay(100);
        Assert.False(next.IsCompleted);
        coalescer.Release(first);
        Assert.Equal([S(F("a"))], await next.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void ConcurrentBatch_ChangesInsideARecursiveRunInFlight_AreMarkedSeenDuringRun_OthersAreNot()
    {
        var coalescer = Create();
        coalescer.Add(R("new"));
        coalescer.Add(F("docs/a"));
        var first = TakeConcurrentAfterSettle(coalescer);
        Assert.Equal([F("docs/a"), R("new")], first);

        coalescer.Add(F("new/f1"));        // inside the folder's run: it may have sent it
        coalescer.Add(R("new/sub"));       // a folder created inside it during the run
        coalescer.Add(F("docs/a"));        // the very path in flight
        coalescer.Add(F("docs/b"));        // beside a plain path in flight: no run covers it
        coalescer.Add(F("newer"));         // a name that only starts like the folder
        coalescer.Add(F("docs"));          // above a run in flight, not covered by it
        var beside = TakeConcurrentAfterSettle(coalescer);
        Assert.Equal([F("docs/b"), F("newer")], beside);
        coalescer.Release(first);
        coalescer.Release(beside);

        clock.Advance(Settle);
        Assert.True(coalescer.TryTakeBatch(out var after, out _, concurrent: true));
        Assert.Equal([F("docs"), S(F("docs/a")), S(F("new/f1")), S(R("new/sub"))], after);
        coalescer.Release(after);

        // Once the run is released, a new change is an ordinary one again.
        coalescer.Add(F("new/f1"));
        Assert.Equal([F("new/f1")], TakeConcurrentAfterSettle(coalescer));
    }

    [Fact]
    public void ConcurrentBatch_FullSyncInFlight_CoversEveryPath()
    {
        var coalescer = Create();
        coalescer.RequestFullSync();
        var full = TakeConcurrentAfterSettle(coalescer);
        coalescer.Add(F("x/y"));
        coalescer.Release(full);
        Assert.Equal([S(F("x/y"))], TakeConcurrentAfterSettle(coalescer));
    }
}
