using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Delivery;

/// <summary>
/// "Verify": a dry-run full sync with itemized changes, parsed into the paths that differ and how. Nothing on
/// the remote changes. Runs under the same global rsync cap as deliveries. It compares content, not the job's
/// transfer policy: with sersync's <c>-artuz</c> a newer remote file is skipped by <c>-u</c>, so a dry run with the
/// job's own params would call a diverged remote identical. The comparison runs without the skip options; when the
/// job has some and differences were found, a second dry run with the job's params tells which of them the job
/// leaves in place (<see cref="RsyncDifference.KeptByJobOption"/>).
/// </summary>
public sealed class RemoteVerifier(IDeliveryJournal journal, EngineEventStream events, RsyncConcurrencyLimiter limiter, IRsyncRunner runner)
{
    /// <param name="includeDirectoryTimes">Report folders whose only difference is their modification time
    /// (off by default: a folder's time changes whenever something inside it is added or removed).</param>
    /// <param name="deep">Compare checksums too: finds content changed with size and modification time kept.</param>
    public async Task<VerifyReport> VerifyAsync(JobDefinition job, RemoteDefinition remote, CancellationToken cancellationToken, bool includeDirectoryTimes = false, bool deep = false)
    {
        // What the job's full sync leaves out is no difference (a job that applies its live excludes there too).
        var excluded = LiveExcludesOnDisk.Find(job, out _, cancellationToken: cancellationToken);
        var (result, runId, differences) = await DryRunAsync(job, remote, RsyncCommandBuilder.BuildVerify(job, remote, deep, excludedPaths: excluded), includeDirectoryTimes, cancellationToken).ConfigureAwait(false);

        var keptBy = string.Join(' ', RsyncCommandBuilder.SkipPolicyOf(job, remote));
        if (differences.Count > 0 && keptBy.Length > 0)
        {
            var (asJob, _, wouldSend) = await DryRunAsync(job, remote, RsyncCommandBuilder.BuildVerify(job, remote, deep, jobPolicy: true, excludedPaths: excluded), includeDirectoryTimes, cancellationToken).ConfigureAwait(false);
            if (asJob.Succeeded)
            {
                var sent = wouldSend.Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
                differences = [.. differences.Select(d => sent.Contains(d.Path) ? d : d with { KeptByJobOption = keptBy })];
            }
        }

        var kept = differences.Count(d => d.KeptByJobOption is not null);
        var depth = deep ? " (checksums compared)" : "";
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.VerifyFinished, JobId = job.Id, RemoteId = remote.Id, PathCount = differences.Count,
            DurationMs = result.Duration.TotalMilliseconds, ExitCode = result.ExitCode, ExitMeaning = result.Meaning, SyncRunId = runId,
            Message = !result.Succeeded ? result.StderrTail.Split('\n').LastOrDefault() ?? result.Meaning
                : differences.Count == 0 ? "in sync" + depth
                : $"{differences.Count} differing paths{depth}" + (kept > 0 ? $", {kept} kept by the job's {keptBy} (only 'make identical' replaces them)" : ""),
        });
        return new VerifyReport { Differences = differences, Run = result, SyncRunId = runId, Deep = deep };
    }

    private async Task<(RsyncResult Result, long RunId, List<RsyncDifference> Differences)> DryRunAsync(
        JobDefinition job, RemoteDefinition remote, RsyncInvocation invocation, bool includeDirectoryTimes, CancellationToken cancellationToken)
    {
        RsyncResult result;
        using (await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false))
            result = await runner.RunAsync(invocation, cancellationToken, keepAllStdout: true).ConfigureAwait(false);
        var differences = result.Succeeded
            ? RsyncItemizeParser.Parse(result.Stdout).Where(d => includeDirectoryTimes || !(d.IsDirectory && d.Kind == DifferenceKind.TimeDiffers)).ToList()
            : [];
        var runId = await journal.RecordRunAsync(new SyncRunRecord
        {
            JobId = job.Id, RemoteId = remote.Id, Kind = RunKind.Verify, StartedAt = result.StartedAt, Duration = result.Duration,
            PathCount = differences.Count, ExitCode = result.ExitCode,
            ExitMeaning = result.Meaning, CommandLine = result.CommandLine,
            StderrTail = result.StderrTail.Length == 0 ? null : result.StderrTail,
        }, cancellationToken).ConfigureAwait(false);
        return (result, runId, differences);
    }
}
