using SyncConsole.Engine.Delivery.Guard;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Delivery;

/// <summary>
/// Delivers batches and full syncs to one <see cref="DeliveryTarget"/> at a time: waits for a slot under the global
/// cap, runs rsync, retries a failure once at once, records every run and writes what still failed to the fail log.
/// Thread-safe and stateless between calls; what a job and remote need is in their target.
/// </summary>
public sealed class BatchDeliverer(
    IDeliveryJournal journal,
    EngineEventStream events,
    RsyncConcurrencyLimiter limiter,
    IRsyncRunner runner,
    DeliveryOptions options,
    TimeProvider clock,
    DeletionGuard guard)
{

    /// <summary>
    /// The target a worker builds once for its job and remote. <paramref name="like"/> is a target of the same pair
    /// (the running worker's) whose delete method was already found: a retry beside it starts from what it learnt.
    /// </summary>
    /// <param name="lasting">The target lives as long as its worker: it keeps one private folder for its runs' password
    /// and filter files (the caller disposes it), instead of one made and removed per run.</param>
    public DeliveryTarget TargetFor(JobDefinition job, RemoteDefinition remote, DeliveryTarget? like = null, bool lasting = false)
    {
        var target = DeliveryTarget.Create(job, remote, options.ForceFilteredDelete || like?.UsesFilteredDelete == true);
        return lasting ? target.WithPrivateFiles(runner.CreatePrivateFiles()) : target;
    }

    private Task WaitIfBusyAsync(RsyncResult failed, CancellationToken cancellationToken) =>
        failed.DaemonBusy ? Task.Delay(options.BusyDaemonRetryDelay, clock, cancellationToken) : Task.CompletedTask;

    /// <summary>A one-off delivery (tools, tests): the target is built for this call only.</summary>
    public Task<DeliveryOutcome> DeliverAsync(JobDefinition job, RemoteDefinition remote, IReadOnlyList<ChangedPath> batch, RunKind kind, CancellationToken cancellationToken) =>
        DeliverAsync(TargetFor(job, remote), batch, kind, cancellationToken);

    /// <param name="progress">Told rsync's progress while a large batch runs (see <see cref="IsLarge"/>); small ones run without it.</param>
    public async Task<DeliveryOutcome> DeliverAsync(DeliveryTarget target, IReadOnlyList<ChangedPath> batch, RunKind kind, CancellationToken cancellationToken,
        Action<RsyncProgress>? progress = null)
    {
        var (job, remote) = (target.Job, target.Remote);
        var runs = new List<(RsyncResult Result, long RunId)>();
        var warnings = new List<string>();
        IReadOnlyList<ChangedPath> entries;
        try
        {
            if (target.Problems.Count > 0) throw new RsyncConfigurationException([.. target.Problems]);
            // A missing path is deleted whole. As a non-recursive entry its children would stay protected by
            // the filter that keeps non-recursive folders shallow, and the delete would silently fail.
            entries = RsyncCommandBuilder.Reduce(FollowRenameChains(job, RsyncCommandBuilder.Reduce(batch)).Select(e => ResolveMissing(job, e)).ToList());
        }
        catch (Exception e) when (e is RsyncConfigurationException or ArgumentException)
        {
            return await RejectAsync(job, remote, batch, e.Message, kind, cancellationToken).ConfigureAwait(false);
        }
        if (entries.Count == 0) return new DeliveryOutcome { Delivered = [], Failed = [], Runs = [] };

        IReadOnlyList<ChangedPath> failed;
        try
        {
            if (await HoldWipeAsync(job, remote, entries, kind, cancellationToken).ConfigureAwait(false) is { } held) return held;
            var excluded = FindExcluded(target, entries, warnings, cancellationToken);
            // Moves first, while the remote still has the old paths to use as basis; the batch then deletes those.
            var moved = await DeliverMovesAsync(target, entries, excluded, kind, runs, warnings, cancellationToken).ConfigureAwait(false);
            var rest = moved.Count == 0 ? entries : WithoutMoved(entries, moved);
            if (!IsLarge(rest)) progress = null;
            failed = await AttemptAsync(target, rest, excluded, kind, runs, warnings, cancellationToken, progress).ConfigureAwait(false);
            if (failed.Count > 0 && options.RetryOnce)
            {
                await WaitIfBusyAsync(runs[^1].Result, cancellationToken).ConfigureAwait(false);
                // A burst may have emptied the folder since the first try (which failed): check again before deleting.
                if (await HoldWipeAsync(job, remote, failed, kind, cancellationToken).ConfigureAwait(false) is { } heldNow) return heldNow;
                failed = await AttemptAsync(target, failed, excluded, kind, runs, warnings, cancellationToken, progress).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await RecordCancelledAsync(job, remote, entries, fullSync: false, kind).ConfigureAwait(false);
            throw;
        }

        long? failLogId = null;
        if (failed.Count > 0)
        {
            var (last, runId) = runs.Last(r => !r.Result.Succeeded);
            failLogId = await RecordFailureAsync(job, remote, failed, fullSync: false, last, runId, kind, cancellationToken).ConfigureAwait(false);
        }
        // A job that never had a full sync still gets a healthy file system to compare with.
        else await guard.RecordHealthyAsync(job, onlyIfUnknown: true, cancellationToken).ConfigureAwait(false);
        var failedSet = failed.ToHashSet();
        return new DeliveryOutcome
        {
            Delivered = entries.Where(e => !failedSet.Contains(e)).ToList(),
            Failed = failed,
            FailLogId = failLogId,
            Runs = runs.Select(r => r.Result).ToList(),
            RunIds = runs.Select(r => r.RunId).ToList(),
            Warnings = warnings,
        };
    }

    /// <summary>
    /// A batch worth a progress bar: a whole new folder (a copy into the tree) or many paths. Small edits run without
    /// <c>--info=progress2</c>, which would only add output.
    /// </summary>
    public static bool IsLarge(IReadOnlyList<ChangedPath> entries) =>
        entries.Count >= LargeBatchPaths || entries.Any(e => e.Recursive && e.RelativePath.Length > 0);

    public const int LargeBatchPaths = 500;

    /// <summary>A one-off full sync (tools, tests): the target is built for this call only.</summary>
    public Task<DeliveryOutcome> FullSyncAsync(JobDefinition job, RemoteDefinition remote, RunKind kind, CancellationToken cancellationToken,
        bool overwriteNewer = false, bool guarded = true) =>
        FullSyncAsync(TargetFor(job, remote), kind, cancellationToken, overwriteNewer, guarded);

    /// <summary>sersync's <c>-r</c>/crontab push of the whole tree; retried once, then written to the fail log.</summary>
    /// <param name="overwriteNewer">"Make identical": newer remote files are overwritten too (the job's skip options out).</param>
    /// <param name="guarded">False only for the one run the administrator confirmed after the deletion guard held it.</param>
    /// <param name="progress">Told rsync's whole-transfer progress as the run streams it (the dashboard's "Syncing 45 %").</param>
    public async Task<DeliveryOutcome> FullSyncAsync(DeliveryTarget target, RunKind kind, CancellationToken cancellationToken,
        bool overwriteNewer = false, bool guarded = true, Action<RsyncProgress>? progress = null)
    {
        var (job, remote) = (target.Job, target.Remote);
        RsyncInvocation invocation;
        try
        {
            if (target.Problems.Count > 0) throw new RsyncConfigurationException([.. target.Problems]);
            invocation = RsyncCommandBuilder.BuildFullSync(job, remote, overwriteNewer, LiveExcluded(job, remote, cancellationToken));
        }
        catch (RsyncConfigurationException e)
        {
            return await RejectAsync(job, remote, [new ChangedPath("", true)], e.Message, kind, cancellationToken, fullSync: true).ConfigureAwait(false);
        }

        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FullSyncStarted, JobId = job.Id, RemoteId = remote.Id,
            Message = (overwriteNewer ? "make identical: " : "") + invocation.DisplayString,
        });
        var runs = new List<(RsyncResult Result, long RunId)>();
        (RsyncResult Result, long RunId) attempt;
        var checkDeletes = guarded && DeletionGuard.Applies(job, invocation);
        try
        {
            var guardedAttempt = await GuardedRunAsync(job, remote, invocation, kind, runs, checkDeletes, cancellationToken, target.PrivateFiles, progress).ConfigureAwait(false);
            if (guardedAttempt.Held is null && !guardedAttempt.Run.Result.Succeeded && options.RetryOnce)
            {
                await WaitIfBusyAsync(guardedAttempt.Run.Result, cancellationToken).ConfigureAwait(false);
                guardedAttempt = await GuardedRunAsync(job, remote, invocation, kind, runs, checkDeletes, cancellationToken, target.PrivateFiles, progress).ConfigureAwait(false);
            }
            if (guardedAttempt.Held is { } held) return Held(job, remote, held, runs, realtime: false);
            attempt = guardedAttempt.Run;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await RecordCancelledAsync(job, remote, [new ChangedPath("", true)], fullSync: true, kind).ConfigureAwait(false);
            throw;
        }

        long? failLogId = null;
        if (!attempt.Result.Succeeded)
            failLogId = await RecordFailureAsync(job, remote, [new ChangedPath("", true)], fullSync: true, attempt.Result, attempt.RunId, kind, cancellationToken).ConfigureAwait(false);
        else
        {
            if (job.FullSyncExcludes.Count == 0 && (!job.FullSyncUsesLiveExcludes || job.ExcludeRegexes.Count == 0)) await ResolveCoveredAsync(job, remote, attempt, cancellationToken).ConfigureAwait(false);
            // The remote now mirrors this file system: the one an unmounted disk would be told from.
            await guard.RecordHealthyAsync(job, onlyIfUnknown: false, cancellationToken).ConfigureAwait(false);
        }

        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FullSyncFinished, JobId = job.Id, RemoteId = remote.Id,
            Bytes = attempt.Result.Stats.BytesSent, PathCount = attempt.Result.Stats.FilesTransferred,
            DurationMs = runs.Sum(r => r.Result.Duration.TotalMilliseconds),
            ExitCode = attempt.Result.ExitCode, ExitMeaning = attempt.Result.Meaning,
            SyncRunId = attempt.RunId, FailLogId = failLogId,
            // What the full sync changed, from rsync's --stats (PathCount is the regular files transferred).
            Message = attempt.Result.Succeeded
                ? $"{attempt.Result.Stats.FilesTransferred} file(s) transferred, {attempt.Result.Stats.Created} created, {attempt.Result.Stats.Deleted} deleted, {attempt.Result.Stats.BytesSent} bytes sent"
                : null,
        });
        return new DeliveryOutcome
        {
            Delivered = attempt.Result.Succeeded ? [new ChangedPath("", true)] : [],
            Failed = [],
            FullSyncFailed = !attempt.Result.Succeeded,
            FailLogId = failLogId,
            Runs = runs.Select(r => r.Result).ToList(),
            RunIds = runs.Select(r => r.RunId).ToList(),
            GuardPassed = checkDeletes && attempt.Result.Succeeded,
        };
    }

    /// <summary>
    /// One try of a full sync that deletes: the guard's dry run first; a failed dry run is the attempt's failure, a held
    /// one is returned unrun, and one that may go runs with rsync's own <c>--max-delete</c> at the guard's limit, so a
    /// watch folder emptied between the dry run and the run cannot take more than the rule allows.
    /// </summary>
    private async Task<((RsyncResult Result, long RunId) Run, DeletionGuardDecision? Held)> GuardedRunAsync(JobDefinition job, RemoteDefinition remote,
        RsyncInvocation invocation, RunKind kind, List<(RsyncResult, long)> runs, bool checkDeletes, CancellationToken cancellationToken,
        RsyncPrivateFiles? privateFiles, Action<RsyncProgress>? progress = null)
    {
        if (!checkDeletes) return (await RunAsync(job, remote, invocation, kind, runs, cancellationToken, privateFiles, progress).ConfigureAwait(false), null);
        var check = await guard.CheckAsync(job, invocation, cancellationToken).ConfigureAwait(false);
        if (check.Decision is not { } decision)
            return (await RecordRunAsync(job, remote, DeletionGuard.DryRunOf(invocation), check.DryRun, kind, runs, cancellationToken).ConfigureAwait(false), null);
        if (decision.Hold) return (default, decision);
        var capped = new RsyncInvocation
        {
            WorkingDirectory = invocation.WorkingDirectory, Options = [.. invocation.Options, $"--max-delete={decision.AllowedDeletes}"],
            Operands = invocation.Operands, FilesFrom = invocation.FilesFrom, FilterRules = invocation.FilterRules,
            Password = invocation.Password, Paths = invocation.Paths,
        };
        var run = await RunAsync(job, remote, capped, kind, runs, cancellationToken, privateFiles, progress).ConfigureAwait(false);
        // A daemon with "max connections = 1" may still count the dry run's connection a moment after it ended:
        // the run waits for that slot instead of failing on the guard's own connection.
        if (run.Result.DaemonBusy)
        {
            await WaitIfBusyAsync(run.Result, cancellationToken).ConfigureAwait(false);
            run = await RunAsync(job, remote, capped, kind, runs, cancellationToken, privateFiles, progress).ConfigureAwait(false);
        }
        return (run, null);
    }

    /// <summary>
    /// A realtime batch (or its fail-log retry) that deletes while the watch folder is empty (or on another file system than when last healthy)
    /// is held like a full sync when the guard's full check says so: the confirmed run is then that full sync. Deletes
    /// of exact paths in a folder that still has content go as they are.
    /// </summary>
    private async Task<DeliveryOutcome?> HoldWipeAsync(JobDefinition job, RemoteDefinition remote, IReadOnlyList<ChangedPath> entries, RunKind kind,
        CancellationToken cancellationToken)
    {
        // A retry of deletes that failed while the remote was down is the same burst, later.
        if (kind is not (RunKind.Realtime or RunKind.Retry) || !job.DeleteEnabled || !job.DeletionGuard.Enabled) return null;
        if (!entries.Any(e => e.RelativePath.Length > 0 && !ExistsNoFollow(Path.Combine(job.WatchPath, e.RelativePath)))) return null;
        if (!await guard.LooksLikeWipeAsync(job, cancellationToken).ConfigureAwait(false)) return null;
        var fullSync = RsyncCommandBuilder.BuildFullSync(job, remote, excludedPaths: LiveExcluded(job, remote, cancellationToken));
        var check = await guard.CheckAsync(job, fullSync, cancellationToken).ConfigureAwait(false);
        if (check.Decision is null)
        {
            // Undecided (the remote did not answer the dry run) is not "go": the deletes wait in the fail log, whose
            // retry checks again, rather than run unchecked the moment the remote is back.
            var runs = new List<(RsyncResult, long)>();
            var (result, runId) = await RecordRunAsync(job, remote, DeletionGuard.DryRunOf(fullSync), check.DryRun, kind, runs, cancellationToken).ConfigureAwait(false);
            var failLogId = await RecordFailureAsync(job, remote, entries, fullSync: false, result, runId, kind, cancellationToken).ConfigureAwait(false);
            return new DeliveryOutcome { Delivered = [], Failed = entries, FailLogId = failLogId, Runs = [result], RunIds = [runId] };
        }
        return check.Decision.Hold ? Held(job, remote, check.Decision, [], realtime: true) : null;
    }

    private DeliveryOutcome Held(JobDefinition job, RemoteDefinition remote, DeletionGuardDecision decision, List<(RsyncResult Result, long RunId)> runs, bool realtime)
    {
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.DeletionHeld, JobId = job.Id, RemoteId = remote.Id, PathCount = decision.WouldDelete,
            Message = (realtime ? "realtime deletes that empty the tree " : "full sync ") + decision.Describe(remote.Name)
                + (decision.Examples.Count > 0 ? $" (e.g. {string.Join(", ", decision.Examples)})" : "")
                + ". Nothing was deleted: confirm the deletes or cancel the run.",
        });
        return new DeliveryOutcome
        {
            Delivered = [], Failed = [], Held = decision,
            Runs = runs.Select(r => r.Result).ToList(), RunIds = runs.Select(r => r.RunId).ToList(),
        };
    }

    /// <summary>
    /// The tree was copied as it was when the successful run started, so failures recorded before that are delivered:
    /// close them now rather than leave them pending until the next retry. (Only without full-sync excludes, which
    /// could leave a failed path out.)
    /// </summary>
    private async Task ResolveCoveredAsync(JobDefinition job, RemoteDefinition remote, (RsyncResult Result, long RunId) run, CancellationToken cancellationToken)
    {
        var ids = await journal.ResolveCoveredAsync(job.Id, remote.Id, run.Result.StartedAt, run.RunId, cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.FailLogResolved, JobId = job.Id, RemoteId = remote.Id, FailLogId = id, SyncRunId = run.RunId,
                Message = "covered by a successful full sync",
            });
    }

    /// <summary>The live excludes found on disk for a full sync of a job that applies them there (null otherwise).</summary>
    private List<string>? LiveExcluded(JobDefinition job, RemoteDefinition remote, CancellationToken cancellationToken)
    {
        var found = LiveExcludesOnDisk.Find(job, out var complete, options.MaxExcludedPaths, cancellationToken);
        if (!complete)
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.DeliveryWarning, JobId = job.Id, RemoteId = remote.Id,
                Message = $"The job's live excludes match more than {options.MaxExcludedPaths} paths: only the first {options.MaxExcludedPaths} " +
                          "were left out of this full sync; the other excluded files were sent.",
            });
        return found;
    }

    /// <summary>
    /// What the job's filter excludes inside the recursive entries (new or moved-in folders), which rsync would
    /// otherwise send whole. Not for the root: a whole-tree entry is a full sync, which keeps sersync's full-sync
    /// excludes. Past the cap the rest of the subtree goes unfiltered, with a warning, rather than stall the run.
    /// </summary>
    private List<string> FindExcluded(DeliveryTarget target, IReadOnlyList<ChangedPath> entries,
        List<string> warnings, CancellationToken cancellationToken)
    {
        var (job, remote) = (target.Job, target.Remote);
        var found = new List<string>();
        if (!entries.Any(e => e.Recursive && e.RelativePath.Length > 0)) return found;
        var finder = new ExcludedPathFinder(target.Filter, options.MaxExcludedPaths);
        if (!finder.CanExclude) return found;
        foreach (var entry in entries.Where(e => e.Recursive && e.RelativePath.Length > 0))
        {
            if (finder.Collect(job.WatchPath, entry.RelativePath, found, cancellationToken)) continue;
            var warning = $"The job's filter excludes more than {finder.MaxPaths} paths under \"{entry.RelativePath}\": only the first " +
                          $"{finder.MaxPaths} were left out of this delivery; the other excluded files there were sent.";
            warnings.Add(warning);
            events.Publish(new EngineEvent { Kind = EngineEventKind.DeliveryWarning, JobId = job.Id, RemoteId = remote.Id, Path = entry.RelativePath, Message = warning });
            break;
        }
        return found;
    }

    /// <summary>
    /// The entries renamed inside the tree (<see cref="ChangedPath.MovedFrom"/>) whose old path this batch deletes,
    /// each sent in its own run with the remote's old copy as basis (<see cref="RsyncCommandBuilder.BuildFolderMove"/>,
    /// <see cref="RsyncCommandBuilder.BuildFileMove"/>). Returns the ones delivered; any other (the old path not in this
    /// batch, so perhaps already deleted or still in flight elsewhere; a run that failed) goes with the batch as today.
    /// </summary>
    private async Task<List<ChangedPath>> DeliverMovesAsync(DeliveryTarget target, IReadOnlyList<ChangedPath> entries,
        IReadOnlyList<string> excluded, RunKind kind, List<(RsyncResult, long)> runs, List<string> warnings, CancellationToken cancellationToken)
    {
        var delivered = new List<ChangedPath>();
        if (!entries.Any(e => e.MovedFrom is not null)) return delivered;
        var job = target.Job;
        var moves = new List<(ChangedPath Entry, RsyncInvocation Invocation)>();
        foreach (var entry in entries)
        {
            if (entry.MovedFrom is not { } from || !DeletedInBatch(entries, from)) continue;
            var full = Path.Combine(job.WatchPath, entry.RelativePath);
            try
            {
                if (entry.Recursive && Directory.Exists(full) && new DirectoryInfo(full).LinkTarget is null)
                    moves.Add((entry, RsyncCommandBuilder.BuildFolderMove(job, target.Remote, from, entry.RelativePath, excluded)));
                else if (!entry.Recursive && File.Exists(full) && new FileInfo(full).LinkTarget is null)
                    moves.Add((entry, RsyncCommandBuilder.BuildFileMove(job, target.Remote, from, entry.RelativePath)));
            }
            catch (ArgumentException)
            {
                // Not a move rsync can take a basis for (e.g. a folder moved into its own old path): sent as today.
            }
        }
        // Moves that do not wait for each other run side by side (within the global cap): their new paths never
        // overlap (the batch is reduced), and the old copies they read are only deleted after them.
        foreach (var wave in Waves(moves))
        {
            var done = await Task.WhenAll(wave.Select(async move =>
            {
                var own = new List<(RsyncResult, long)>(1);
                var (result, _) = await RunAsync(job, target.Remote, move.Invocation, kind, own, cancellationToken, target.PrivateFiles).ConfigureAwait(false);
                return (move, Runs: own, Result: result);
            })).ConfigureAwait(false);
            foreach (var (move, own, first) in done)
            {
                runs.AddRange(own);
                var result = first;
                if (result.DaemonBusy && wave.Count > 1)
                {
                    // A daemon with "max connections" refused the move beside its sibling: once more, alone.
                    await WaitIfBusyAsync(result, cancellationToken).ConfigureAwait(false);
                    (result, _) = await RunAsync(job, target.Remote, move.Invocation, kind, runs, cancellationToken, target.PrivateFiles).ConfigureAwait(false);
                }
                if (result.Succeeded)
                {
                    delivered.Add(move.Entry);
                    continue;
                }
                // Not lost: the path goes with the batch, whole, as a rename always went before.
                var entry = move.Entry;
                var warning = $"The move of \"{entry.MovedFrom}\" to \"{entry.RelativePath}\" could not be built from the remote's old copy; it is sent in full with the batch.";
                warnings.Add(warning);
                events.Publish(new EngineEvent { Kind = EngineEventKind.DeliveryWarning, JobId = job.Id, RemoteId = target.Remote.Id, Path = entry.RelativePath, Message = warning });
            }
        }
        return delivered;
    }

    /// <summary>
    /// a → b → c within one batch: c's basis is a (still on the remote), not b (never delivered, or stale). Followed
    /// while the intermediate path is gone locally and names its own old path in this batch; a few hops at most.
    /// </summary>
    private static IReadOnlyList<ChangedPath> FollowRenameChains(JobDefinition job, IReadOnlyList<ChangedPath> entries)
    {
        if (!entries.Any(e => e.MovedFrom is not null)) return entries;
        var byPath = entries.ToDictionary(e => e.RelativePath, StringComparer.Ordinal);
        return entries.Select(e =>
        {
            if (e.MovedFrom is not { } from) return e;
            for (var hop = 0; hop < 8 && byPath.TryGetValue(from, out var previous) && previous.MovedFrom is { } earlier
                              && earlier != e.RelativePath && !ExistsNoFollow(Path.Combine(job.WatchPath, from)); hop++)
                from = earlier;
            return e with { MovedFrom = from };
        }).ToList();
    }

    /// <summary>
    /// Whether this batch removes <paramref name="from"/> remotely (it is an entry, or inside a recursive one): only then
    /// is the old copy certain to stay until the move's run is over, and certain to go after it.
    /// </summary>
    private static bool DeletedInBatch(IReadOnlyList<ChangedPath> entries, string from) =>
        from.Length > 0 && entries.Any(e => e.RelativePath == from
            || (e.Recursive && (e.RelativePath.Length == 0 || RelativePaths.IsBelow(from, e.RelativePath))));

    /// <summary>
    /// A move whose new path is another move's old path (a swap, a chain of renames) goes in a later wave than that
    /// one, so the other still finds its basis; a cycle is broken by running its first move alone (its basis then
    /// misses and rsync sends data).
    /// </summary>
    internal static IEnumerable<List<(ChangedPath Entry, RsyncInvocation Invocation)>> Waves(List<(ChangedPath Entry, RsyncInvocation Invocation)> moves)
    {
        var pending = new List<(ChangedPath Entry, RsyncInvocation Invocation)>(moves);
        while (pending.Count > 0)
        {
            var free = pending.Where(m => !pending.Any(o => o.Entry != m.Entry && RelativePaths.Overlap(m.Entry.RelativePath, o.Entry.MovedFrom!))).ToList();
            if (free.Count == 0) free = [pending[0]];
            pending.RemoveAll(free.Contains);
            yield return free;
        }
    }

    /// <summary>
    /// The batch without the moves already delivered; a moved path's parent folder stays in it, alone (non-recursive),
    /// so its time and permissions still follow the new entry as they did when the batch sent the path itself.
    /// </summary>
    private static IReadOnlyList<ChangedPath> WithoutMoved(IReadOnlyList<ChangedPath> entries, List<ChangedPath> moved)
    {
        var rest = entries.Except(moved).ToList();
        foreach (var m in moved)
        {
            var slash = m.RelativePath.LastIndexOf('/');
            if (slash > 0) rest.Add(new ChangedPath(m.RelativePath[..slash], false));
        }
        return RsyncCommandBuilder.Reduce(rest);
    }

    /// <summary>One try at a set of entries; returns the entries that failed.</summary>
    private async Task<IReadOnlyList<ChangedPath>> AttemptAsync(
        DeliveryTarget target, IReadOnlyList<ChangedPath> entries, IReadOnlyList<string> excluded, RunKind kind,
        List<(RsyncResult, long)> runs, List<string> warnings, CancellationToken cancellationToken, Action<RsyncProgress>? progress = null)
    {
        var (job, remote) = (target.Job, target.Remote);
        if (job.DeleteEnabled && target.UsesFilteredDelete)
            return await AttemptWithFilteredDeleteAsync(job, remote, entries, excluded, kind, runs, cancellationToken, target.PrivateFiles).ConfigureAwait(false);

        var invocation = RsyncCommandBuilder.BuildBatch(job, remote, entries, excludedPaths: excluded);
        var (result, _) = await RunAsync(job, remote, invocation, kind, runs, cancellationToken, target.PrivateFiles, progress).ConfigureAwait(false);
        if (result.Succeeded) return [];

        if (job.DeleteEnabled && LooksLikeBrokenDeleteMissingArgs(result))
        {
            var warning = $"Remote {remote.Name}: rsync's --delete-missing-args failed ({result.StderrTail.Split('\n').LastOrDefault(l => l.Length > 0)}); " +
                          "deletes to this remote now use the filtered-delete method.";
            target.SwitchToFilteredDelete(warning);
            warnings.Add(warning);
            events.Publish(new EngineEvent { Kind = EngineEventKind.DeliveryWarning, JobId = job.Id, RemoteId = remote.Id, Message = warning });
            return await AttemptWithFilteredDeleteAsync(job, remote, entries, excluded, kind, runs, cancellationToken, target.PrivateFiles).ConfigureAwait(false);
        }
        return FailedEntries(job, entries, result);
    }

    /// <summary>Existing paths go in one <c>--ignore-missing-args</c> run, missing ones in one filtered-delete run.</summary>
    private async Task<IReadOnlyList<ChangedPath>> AttemptWithFilteredDeleteAsync(
        JobDefinition job, RemoteDefinition remote, IReadOnlyList<ChangedPath> entries, IReadOnlyList<string> excluded, RunKind kind,
        List<(RsyncResult, long)> runs, CancellationToken cancellationToken, RsyncPrivateFiles? privateFiles)
    {
        var missing = entries.Where(e => e.RelativePath.Length > 0 && !ExistsNoFollow(Path.Combine(job.WatchPath, e.RelativePath))).ToList();
        var present = entries.Except(missing).ToList();
        var failed = new List<ChangedPath>();
        if (present.Count > 0)
        {
            var (r, _) = await RunAsync(job, remote, RsyncCommandBuilder.BuildBatch(job, remote, present, ignoreMissing: true, excludedPaths: excluded), kind, runs, cancellationToken, privateFiles).ConfigureAwait(false);
            if (!r.Succeeded) failed.AddRange(FailedEntries(job, present, r));
        }
        if (missing.Count > 0)
        {
            var invocation = RsyncCommandBuilder.BuildFilteredDelete(job, remote, missing.Select(m => m.RelativePath).ToList());
            var (r, _) = await RunAsync(job, remote, invocation, kind, runs, cancellationToken, privateFiles).ConfigureAwait(false);
            if (!r.Succeeded) failed.AddRange(missing); // stderr of a root-wide delete does not map to entries reliably
        }
        return failed;
    }

    private async Task<(RsyncResult Result, long RunId)> RunAsync(
        JobDefinition job, RemoteDefinition remote, RsyncInvocation invocation, RunKind kind,
        List<(RsyncResult, long)> runs, CancellationToken cancellationToken, RsyncPrivateFiles? privateFiles = null, Action<RsyncProgress>? progress = null)
    {
        RsyncResult result;
        using (await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.RsyncStarted, JobId = job.Id, RemoteId = remote.Id,
                PathCount = invocation.Paths.Count, Path = SinglePath(invocation), Message = invocation.DisplayString,
            });
            result = await runner.RunAsync(invocation, cancellationToken, privateFiles: privateFiles, progress: progress).ConfigureAwait(false);
        }
        return await RecordRunAsync(job, remote, invocation, result, kind, runs, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(RsyncResult Result, long RunId)> RecordRunAsync(
        JobDefinition job, RemoteDefinition remote, RsyncInvocation invocation, RsyncResult result, RunKind kind,
        List<(RsyncResult, long)> runs, CancellationToken cancellationToken)
    {
        var runId = await journal.RecordRunAsync(new SyncRunRecord
        {
            JobId = job.Id, RemoteId = remote.Id, Kind = kind, StartedAt = result.StartedAt, Duration = result.Duration,
            PathCount = invocation.Paths.Count, Bytes = result.Stats.BytesSent, FilesTransferred = result.Stats.FilesTransferred,
            ExitCode = result.ExitCode, ExitMeaning = result.Meaning, CommandLine = result.CommandLine,
            StderrTail = result.StderrTail.Length == 0 ? null : result.StderrTail,
        }, cancellationToken).ConfigureAwait(false);

        events.Publish(new EngineEvent
        {
            Kind = result.Succeeded ? EngineEventKind.RsyncFinished : EngineEventKind.RsyncFailed,
            JobId = job.Id, RemoteId = remote.Id, PathCount = invocation.Paths.Count, Path = SinglePath(invocation),
            Bytes = result.Stats.BytesSent, FilesTransferred = result.Stats.FilesTransferred, DurationMs = result.Duration.TotalMilliseconds,
            ExitCode = result.ExitCode, ExitMeaning = result.Meaning, SyncRunId = runId,
            Message = result.Succeeded ? null : LastLine(result.StderrTail) ?? result.Meaning,
        });
        runs.Add((result, runId));
        return (result, runId);
    }

    /// <summary>
    /// A fail-log retry completes its claimed entry with the outcome itself (IFailLog.CompleteAsync): recording its
    /// failure here as well would make a second row.
    /// </summary>
    private async Task<long?> RecordFailureAsync(JobDefinition job, RemoteDefinition remote, IReadOnlyList<ChangedPath> paths,
        bool fullSync, RsyncResult last, long? runId, RunKind kind, CancellationToken cancellationToken)
    {
        if (kind == RunKind.Retry) return null;
        var id = await journal.RecordFailureAsync(new FailureRecord
        {
            JobId = job.Id, RemoteId = remote.Id, Paths = paths, FullSync = fullSync,
            ExitCode = last.ExitCode, ExitMeaning = last.Meaning, StderrTail = last.StderrTail,
            At = clock.GetUtcNow(), SyncRunId = runId,
        }, cancellationToken).ConfigureAwait(false);
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.FailLogCreated, JobId = job.Id, RemoteId = remote.Id, FailLogId = id, SyncRunId = runId,
            PathCount = paths.Count, Path = paths.Count == 1 ? paths[0].RelativePath : null,
            ExitCode = last.ExitCode, ExitMeaning = last.Meaning, Message = LastLine(last.StderrTail) ?? last.Meaning,
        });
        return id;
    }

    /// <summary>A stop in the middle of a delivery must not lose the paths: they go to the fail log, to be retried.</summary>
    private async Task RecordCancelledAsync(JobDefinition job, RemoteDefinition remote, IReadOnlyList<ChangedPath> paths, bool fullSync, RunKind kind)
    {
        var result = new RsyncResult
        {
            ExitCode = RsyncExitCodes.Cancelled, Stderr = "delivery was cancelled (job stopped or shutting down)",
            Duration = TimeSpan.Zero, StartedAt = clock.GetUtcNow(), CommandLine = "",
        };
        // A cancelled retry hands its claimed entry back as pending, every path kept: nothing to record for it.
        await RecordFailureAsync(job, remote, paths, fullSync, result, null, kind, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Settings rsync must not run with: no run, straight to the fail log with the reason.</summary>
    private async Task<DeliveryOutcome> RejectAsync(JobDefinition job, RemoteDefinition remote, IReadOnlyList<ChangedPath> batch,
        string message, RunKind kind, CancellationToken cancellationToken, bool fullSync = false)
    {
        var result = new RsyncResult
        {
            ExitCode = RsyncExitCodes.InvalidConfiguration, Stderr = message, Duration = TimeSpan.Zero,
            StartedAt = clock.GetUtcNow(), CommandLine = "",
        };
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.RsyncFailed, JobId = job.Id, RemoteId = remote.Id, PathCount = batch.Count,
            ExitCode = result.ExitCode, ExitMeaning = result.Meaning, Message = message,
        });
        var id = await RecordFailureAsync(job, remote, batch, fullSync, result, null, kind, cancellationToken).ConfigureAwait(false);
        return new DeliveryOutcome { Delivered = [], Failed = fullSync ? [] : batch, FullSyncFailed = fullSync, FailLogId = id, Runs = [result] };
    }

    /// <summary>A partial transfer fails only the entries its stderr names; anything else fails them all.</summary>
    private static IReadOnlyList<ChangedPath> FailedEntries(JobDefinition job, IReadOnlyList<ChangedPath> entries, RsyncResult result)
    {
        if (result.ExitCode != RsyncExitCodes.Partial) return entries;
        var named = RsyncErrorPaths.Match(entries, RsyncErrorPaths.Parse(result.Stderr, job.WatchPath));
        return named.Count > 0 ? named : entries;
    }

    /// <summary>rsync 3.4.3's receiver aborts on --delete-missing-args with "invalid file mode"; old ones don't know it.</summary>
    internal static bool LooksLikeBrokenDeleteMissingArgs(RsyncResult result) =>
        result.Stderr.Contains("invalid file mode", StringComparison.OrdinalIgnoreCase)
        || result.Stderr.Contains("delete-missing-args: unknown option", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A missing path becomes a recursive delete of its highest missing ancestor: rsync cannot delete
    /// "a/b/c" when "a/b" is gone locally too (it reports a vanished "a/b" and deletes nothing).
    /// </summary>
    private static ChangedPath ResolveMissing(JobDefinition job, ChangedPath entry)
    {
        if (entry.RelativePath.Length == 0 || ExistsNoFollow(Path.Combine(job.WatchPath, entry.RelativePath))) return entry;
        var path = entry.RelativePath;
        foreach (var parent in RelativePaths.Ancestors(entry.RelativePath))
        {
            if (parent.Length == 0 || ExistsNoFollow(Path.Combine(job.WatchPath, parent))) break;
            path = parent;
        }
        return new ChangedPath(path, true);
    }

    private static bool ExistsNoFollow(string path)
    {
        var info = new FileInfo(path);
        return info.Exists || info.LinkTarget is not null || Directory.Exists(path);
    }

    private static string? SinglePath(RsyncInvocation invocation) => invocation.Paths.Count == 1 ? invocation.Paths[0].RelativePath : null;

    private static string? LastLine(string text) => text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
}
