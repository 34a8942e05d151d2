using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Watching;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Coalescing;

/// <summary>
/// The pending set of dirty paths for one job+remote (each remote has its own queue: a dead target must not stall
/// the rest). The disk is the truth at flush time, so only paths are kept: repeated events on a path are one
/// entry, and a recursive entry (new, moved or deleted directory) swallows everything beneath it.
/// Flush rule (adaptive settle): pending changes go once no new change came for <see cref="QuietDelay"/> (a lone
/// change, a few milliseconds after its last event), or once the oldest is <see cref="SettleDelay"/> old while
/// changes keep arriving (a burst's first wave is gathered for at most the settle delay, as sersync does). Changes
/// that arrive while a run is in flight form the next batch, handed out as soon as the consumer asks again if they
/// are quiet or older than the settle delay. At most <see cref="MaxBatchPaths"/> per batch.
/// A consumer that runs several batches at once takes them with <see cref="NextConcurrentBatchAsync"/>: their
/// paths stay in flight until <see cref="Release"/>, and a pending path that overlaps one in flight waits.
/// </summary>
public sealed class ChangeCoalescer
{
    private readonly object gate = new();
    private readonly TimeProvider clock;
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> lookup;
    // Sorted so that all descendants of "a/b" form one range starting at "a/b/".
    private readonly SortedSet<string> ordered = new(StringComparer.Ordinal);
    private readonly long settleTicks;
    private readonly long quietTicks;
    private long lastAdd;
    // The last change was a rename's old path whose new path comes next: not quiet yet (see ChangedPath.PartnerFollows).
    private bool partnerExpected;
    // When the last batch was handed out: a change that comes within a settle delay of it continues a burst.
    private long lastTaken = long.MinValue / 2;
    private int recursiveCount;
    private long oldestSince = long.MaxValue;
    // Arrival order, so an oversized set is drained oldest first without sorting it.
    private readonly LinkedList<string> arrival = new();
    private readonly InFlightPaths inFlight = new();
    private TaskCompletionSource? wakeup;

    /// <summary>
    /// How long a change waits for company when nothing else arrives: the events of one saved file (create, modify,
    /// close-write, an editor's rename) come within about a millisecond, so 2 ms is one change, not a burst.
    /// </summary>
    public static readonly TimeSpan DefaultQuietDelay = TimeSpan.FromMilliseconds(2);

    /// <param name="quietDelay">See <see cref="QuietDelay"/>; <see cref="DefaultQuietDelay"/> when null, never above the settle delay
    /// (equal to it, every change waits the whole settle delay).</param>
    public ChangeCoalescer(TimeSpan settleDelay, int maxBatchPaths, TimeProvider? clock = null, TimeSpan? quietDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settleDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchPaths, 1);
        if (quietDelay is { } q) ArgumentOutOfRangeException.ThrowIfLessThan(q, TimeSpan.Zero);
        SettleDelay = settleDelay;
        var quiet = quietDelay ?? DefaultQuietDelay;
        QuietDelay = quiet < settleDelay ? quiet : settleDelay;
        MaxBatchPaths = maxBatchPaths;
        this.clock = clock ?? TimeProvider.System;
        settleTicks = (long)(settleDelay.TotalSeconds * this.clock.TimestampFrequency);
        quietTicks = (long)(QuietDelay.TotalSeconds * this.clock.TimestampFrequency);
        lookup = entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static ChangeCoalescer ForJob(JobDefinition job, TimeProvider? clock = null) => new(job.SettleDelay, job.MaxBatchPaths, clock, job.QuietDelay);

    /// <summary>The longest a change waits while more keep arriving (sersync's batching of a burst's first wave).</summary>
    public TimeSpan SettleDelay { get; }

    /// <summary>Pending changes go once no new change arrived for this long, without waiting the whole settle delay.</summary>
    public TimeSpan QuietDelay { get; }

    public int MaxBatchPaths { get; }

    /// <summary>Pending entries (after collapsing), for "pending changes" metrics.</summary>
    public int Count
    {
        get { lock (gate) return entries.Count; }
    }

    /// <summary>True while a whole-tree entry (root, recursive) is pending: the next batch is a full sync.</summary>
    public bool FullSyncPending
    {
        get { lock (gate) return entries.TryGetValue("", out var e) && e.Recursive; }
    }

    /// <summary>When the oldest pending change was seen (for "lag to this remote"); null when nothing waits.</summary>
    public DateTimeOffset? OldestPendingSince
    {
        get
        {
            long since;
            lock (gate) since = oldestSince;
            return since == long.MaxValue ? null : clock.GetUtcNow() - clock.GetElapsedTime(since);
        }
    }

    /// <summary>Paths in runs taken with <see cref="NextConcurrentBatchAsync"/> and not yet released.</summary>
    public int InFlightCount
    {
        get { lock (gate) return inFlight.Count; }
    }

    /// <summary>Takes everything pending at once, due or not (a full sync covers it, or the job is stopping).</summary>
    public IReadOnlyList<ChangedPath> Drain()
    {
        lock (gate) return TakeAllLocked();
    }

    public void Add(FileChange change) => Add(change.ToChangedPath());


    /// <summary>
    /// After an overflow or a watch-limit error: the next batch is the root as a recursive entry, which by the
    /// <see cref="ChangedPath"/> contract means "reconcile the whole tree", and it swallows everything pending.
    /// </summary>
    public void RequestFullSync() => Add(new ChangedPath("", Recursive: true));

    /// <summary>
    /// The next batch, when it is due. Call it whenever the delivery loop is idle; one consumer at a time.
    /// </summary>
    public ValueTask<IReadOnlyList<ChangedPath>> NextBatchAsync(CancellationToken cancellationToken = default) =>
        NextAsync(track: false, cancellationToken);

    /// <summary>
    /// The next batch for a consumer that runs several at once: its paths stay in flight until <see cref="Release"/>,
    /// and no later batch holds a path equal to, above or inside one in flight, so two runs never race on a path
    /// (the pending ones wait for the run they overlap). A whole-tree entry waits for every run in flight.
    /// </summary>
    public ValueTask<IReadOnlyList<ChangedPath>> NextConcurrentBatchAsync(CancellationToken cancellationToken = default) =>
        NextAsync(track: true, cancellationToken);

    /// <summary>A batch from <see cref="NextConcurrentBatchAsync"/> is done (delivered or in the fail log).</summary>
    public void Release(IReadOnlyList<ChangedPath> batch)
    {
        TaskCompletionSource? toWake;
        lock (gate)
        {
            inFlight.Remove(batch);
            toWake = wakeup;
            wakeup = null;
        }
        toWake?.TrySetResult();
    }

    private async ValueTask<IReadOnlyList<ChangedPath>> NextAsync(bool track, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task? signal = null;
            TimeSpan wait;
            IReadOnlyList<ChangedPath>? taken = null;
            lock (gate)
            {
                if (TryTakeBatchLocked(track, out var batch, out wait)) taken = batch;
                else if (wait == Timeout.InfiniteTimeSpan) signal = (wakeup ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            if (taken is not null) return Sorted(taken);
            if (signal is not null) await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            else await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One step of the flush rule without waiting: the batch if one is due, otherwise how long until one is
    /// (<see cref="Timeout.InfiniteTimeSpan"/> when nothing is pending).
    /// </summary>
    internal bool TryTakeBatch(out IReadOnlyList<ChangedPath> batch, out TimeSpan wait, bool concurrent = false)
    {
        bool taken;
        lock (gate) taken = TryTakeBatchLocked(concurrent, out batch, out wait);
        if (taken) batch = Sorted(batch);
        return taken;
    }

    /// <summary>Path order (parents before children), sorted outside the lock so the watcher's Add never waits on it.</summary>
    private static IReadOnlyList<ChangedPath> Sorted(IReadOnlyList<ChangedPath> batch)
    {
        if (batch is List<ChangedPath> list) list.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return batch;
    }

    private bool TryTakeBatchLocked(bool track, out IReadOnlyList<ChangedPath> batch, out TimeSpan wait)
    {
        batch = [];
        if (entries.Count == 0)
        {
            wait = Timeout.InfiniteTimeSpan;
            return false;
        }
        if (track && inFlight.Count > 0) return TryTakeBesideInFlightLocked(out batch, out wait);
        if (!Due(out wait)) return false;
        var taken = TakeBatchLocked();
        lastTaken = clock.GetTimestamp();
        if (track) inFlight.Add(taken);
        batch = taken;
        return true;
    }

    /// <summary>
    /// The oldest pending change is <see cref="SettleDelay"/> old, or it came after a quiet stretch (no batch within a
    /// settle delay before it) and nothing came for <see cref="QuietDelay"/>. A change that follows a batch closely
    /// is a burst going on (a writer the scheduler paused for a few milliseconds): it waits the settle delay.
    /// </summary>
    private bool Due(out TimeSpan wait)
    {
        var now = clock.GetTimestamp();
        var untilSettled = settleTicks - (now - oldestSince);
        var untilQuiet = !partnerExpected && oldestSince - lastTaken >= settleTicks ? quietTicks - (now - lastAdd) : long.MaxValue;
        if (untilSettled <= 0 || untilQuiet <= 0)
        {
            wait = TimeSpan.Zero;
            return true;
        }
        wait = TimeSpan.FromSeconds((double)Math.Min(untilSettled, untilQuiet) / clock.TimestampFrequency);
        if (wait <= TimeSpan.Zero) wait = TimeSpan.FromTicks(1);
        return false;
    }

    private bool Settled(long since, out TimeSpan wait)
    {
        var age = clock.GetTimestamp() - since;
        if (age < settleTicks)
        {
            wait = TimeSpan.FromSeconds((double)(settleTicks - age) / clock.TimestampFrequency);
            if (wait <= TimeSpan.Zero) wait = TimeSpan.FromTicks(1);
            return false;
        }
        wait = TimeSpan.Zero;
        return true;
    }

    /// <summary>
    /// Runs are in flight: only the pending paths that overlap none of them may go, once the oldest of those has
    /// settled; with none, wait for a release or for an Add that does not overlap.
    /// </summary>
    private bool TryTakeBesideInFlightLocked(out IReadOnlyList<ChangedPath> batch, out TimeSpan wait)
    {
        batch = [];
        var free = new List<string>();
        var oldestFree = long.MaxValue;
        // Arrival order: oldest first, so a steady stream of new paths can never starve an old one.
        foreach (var path in arrival)
        {
            if (inFlight.Conflicts(path)) continue;
            free.Add(path);
            oldestFree = Math.Min(oldestFree, entries[path].Since);
        }
        if (free.Count == 0)
        {
            wait = Timeout.InfiniteTimeSpan;
            return false;
        }
        if (!Settled(oldestFree, out wait)) return false;
        var taken = new List<ChangedPath>(Math.Min(free.Count, MaxBatchPaths));
        foreach (var path in free)
        {
            if (taken.Count == MaxBatchPaths) break;
            var entry = entries[path];
            taken.Add(entry.ToChangedPath(path));
            RemoveLocked(path, entry);
        }
        RecomputeOldestLocked();
        inFlight.Add(taken);
        lastTaken = clock.GetTimestamp();
        batch = taken;
        return true;
    }

    private List<ChangedPath> TakeBatchLocked()
    {
        if (entries.Count <= MaxBatchPaths) return TakeAllLocked();
        var batch = new List<ChangedPath>(MaxBatchPaths);
        // Oldest first, so a steady stream of new paths can never starve an old one.
        while (batch.Count < MaxBatchPaths && arrival.First is { } first)
        {
            var entry = entries[first.Value];
            batch.Add(entry.ToChangedPath(first.Value));
            RemoveLocked(first.Value, entry);
        }
        RecomputeOldestLocked();
        return batch;
    }

    private List<ChangedPath> TakeAllLocked()
    {
        var all = new List<ChangedPath>(entries.Count);
        foreach (var path in ordered) all.Add(entries[path].ToChangedPath(path));
        entries.Clear();
        ordered.Clear();
        arrival.Clear();
        recursiveCount = 0;
        oldestSince = long.MaxValue;
        return all;
    }

    private void RecomputeOldestLocked()
    {
        oldestSince = long.MaxValue;
        foreach (var entry in entries.Values) oldestSince = Math.Min(oldestSince, entry.Since);
    }

    /// <summary>Thread-safe and cheap: callable from the watcher's reader thread for every event.</summary>
    public void Add(ChangedPath change)
    {
        var path = change.RelativePath;
        TaskCompletionSource? toWake;
        lock (gate)
        {
            var now = clock.GetTimestamp();
            // Even a change already covered by a pending folder says the burst goes on.
            lastAdd = now;
            partnerExpected = change.PartnerFollows;
            if (IsCoveredLocked(path))
            {
                return;
            }
            // A run in flight that covers the path may already have sent this change (see ChangedPath.SeenDuringRun).
            var seenDuringRun = inFlight.Count > 0 && inFlight.Covers(path);
            if (entries.TryGetValue(path, out var existing))
            {
                existing.SeenDuringRun |= seenDuringRun;
                // The latest rename onto the path names the best basis; other changes keep the hint (it is never
                // more than a hint: delivery falls back to an ordinary transfer when the basis does not match).
                if (change.MovedFrom is not null) existing.MovedFrom = change.MovedFrom;
                var upgraded = change.Recursive && !existing.Recursive;
                existing.Recursive |= change.Recursive;
                existing.Since = Math.Min(existing.Since, now);
                if (upgraded)
                {
                    recursiveCount++;
                    existing.Since = Math.Min(existing.Since, RemoveDescendantsLocked(path));
                }
            }
            else
            {
                var entry = new Entry
                {
                    Recursive = change.Recursive, SeenDuringRun = seenDuringRun, MovedFrom = change.MovedFrom, Since = now, Arrival = arrival.AddLast(path),
                };
                if (change.Recursive)
                {
                    recursiveCount++;
                    entry.Since = Math.Min(entry.Since, RemoveDescendantsLocked(path));
                }
                entries[path] = entry;
                ordered.Add(path);
            }
            oldestSince = Math.Min(oldestSince, now);
            // A path that overlaps a run in flight cannot go before that run is released: no reason to wake.
            if (inFlight.Count > 0 && inFlight.Conflicts(path)) return;
            toWake = wakeup;
            wakeup = null;
        }
        toWake?.TrySetResult();
    }

    /// <summary>Whether a strict ancestor (or the root) is pending as recursive.</summary>
    private bool IsCoveredLocked(string path)
    {
        if (recursiveCount == 0 || path.Length == 0) return false;
        if (entries.TryGetValue("", out var root) && root.Recursive) return true;
        var span = path.AsSpan();
        for (var i = span.IndexOf('/'); i >= 0; i = RelativePaths.NextSlash(span, i))
            if (lookup.TryGetValue(span[..i], out var ancestor) && ancestor.Recursive) return true;
        return false;
    }

    /// <summary>Drops everything beneath <paramref name="path"/>; returns the oldest timestamp among them.</summary>
    private long RemoveDescendantsLocked(string path)
    {
        var oldest = long.MaxValue;
        List<string> doomed;
        if (path.Length == 0) doomed = [.. ordered.Where(p => p.Length > 0)];
        else
        {
            doomed = [.. RelativePaths.Descendants(ordered, path)];
        }
        foreach (var descendant in doomed)
        {
            var entry = entries[descendant];
            oldest = Math.Min(oldest, entry.Since);
            RemoveLocked(descendant, entry);
        }
        return oldest;
    }

    private void RemoveLocked(string path, Entry entry)
    {
        entries.Remove(path);
        ordered.Remove(path);
        arrival.Remove(entry.Arrival);
        if (entry.Recursive) recursiveCount--;
    }

    private sealed class Entry
    {
        public bool Recursive;
        public bool SeenDuringRun;
        public string? MovedFrom;
        public long Since;
        public LinkedListNode<string> Arrival = null!;

        public ChangedPath ToChangedPath(string path) => new(path, Recursive) { SeenDuringRun = SeenDuringRun, MovedFrom = MovedFrom };
    }
}
