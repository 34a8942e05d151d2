using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Delivery;

/// <summary>
/// "Verify": a dry-run full sync with itemized changes, parsed into the paths that differ and how. Nothing on
/// the remote changes. Runs under the same global rsync cap as deliveries.
/// </summary>
public sealed class RemoteVerifier(IDeliveryJournal journal, EngineEventStream events, RsyncConcurrencyLimiter limiter, RsyncRunner runner)
{
    /// <param name="includeDirectoryTimes">Report folders whose only difference is their modification time
    /// (off by default: a folder's time changes whenever something inside it is added or removed).</param>
    public async Task<VerifyReport> VerifyAsync(JobDefinition job, RemoteDefinition remote, CancellationToken cancellationToken, bool includeDirectoryTimes = false)
    {
        var invocation = RsyncCommandBuilder.BuildVerify(job, remote);
        RsyncResult result;
        using (await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false))
            result = await runner.RunAsync(invocation, cancellationToken, keepAllStdout: true).ConfigureAwait(false);

        var differences = result.Succeeded
            ? RsyncItemizeParser.Parse(result.Stdout)
                .Where(d => includeDirectoryTimes || !(d.IsDirectory && d.Kind == DifferenceKind.TimeDiffers))
                .ToList()
            : [];

        var runId = await journal.RecordRunAsync(new SyncRunRecord
        {
            JobId = job.Id, RemoteId = remote.Id, Kind = RunKind.Verify, StartedAt = result.StartedAt, Duration = result.Duration,
            PathCount = differences.Count, ExitCode = result.ExitCode, ExitMeaning = result.Meaning, CommandLine = result.CommandLine,
            StderrTail = result.StderrTail.Length == 0 ? null : result.StderrTail,
        }, cancellationToken).ConfigureAwait(false);

        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.VerifyFinished, JobId = job.Id, RemoteId = remote.Id, PathCount = differences.Count,
            DurationMs = result.Duration.TotalMilliseconds, ExitCode = result.ExitCode, ExitMeaning = result.Meaning, SyncRunId = runId,
            Message = !result.Succeeded ? result.StderrTail.Split('\n').LastOrDefault() ?? result.Meaning
                : differences.Count == 0 ? "in sync" : $"{differences.Count} differing paths",
        });
        return new VerifyReport { Differences = differences, Run = result, SyncRunId = runId };
    }
}
