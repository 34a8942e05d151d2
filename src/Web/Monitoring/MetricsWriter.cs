using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Monitoring;

/// <summary>
/// Renders the Prometheus text format (version 0.0.4): the event counters plus gauges read now from the running
/// jobs, the fail log and the kernel's inotify limit. Hand-written: a dozen series do not need a client library.
/// </summary>
public sealed class MetricsWriter(EngineMetrics metrics, JobSupervisor supervisor, Engine.JobStatusQuery statusQuery, IDbContextFactory<SyncConsoleDbContext> dbFactory, TimeProvider clock)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";
    private const string MaxUserWatchesFile = "/proc/sys/fs/inotify/max_user_watches";

    private static readonly (string Name, string Help)[] Counters =
    [
        ("syncconsole_events_total", "File-system changes seen by the watchers."),
        ("syncconsole_batches_total", "Batches of coalesced changes handed to delivery."),
        ("syncconsole_rsync_runs_total", "rsync runs by result."),
        ("syncconsole_delivered_bytes_total", "Bytes rsync sent."),
        ("syncconsole_delivered_files_total", "Files rsync transferred."),
        ("syncconsole_plugin_runs_total", "Plugin runs by result."),
    ];

    public async Task<string> RenderAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var snapshot = metrics.Snapshot();
        foreach (var (name, help) in Counters)
        {
            Header(text, name, help, "counter");
            foreach (var ((n, labels), value) in snapshot.Where(c => c.Key.Name == name).OrderBy(c => c.Key.Labels, StringComparer.Ordinal))
                Line(text, n, labels, value);
        }
        Header(text, "syncconsole_metrics_events_dropped_total", "Engine events the metrics subscriber missed (counters may be low).", "counter");
        Line(text, "syncconsole_metrics_events_dropped_total", null, metrics.Dropped);

        var now = clock.GetUtcNow();
        var statuses = supervisor.GetStatuses().OrderBy(s => s.JobId).ToList();
        Header(text, "syncconsole_job_up", "1 when the job is watching or syncing, else 0.", "gauge");
        foreach (var s in statuses)
            Line(text, "syncconsole_job_up", $"job_id=\"{s.JobId}\"", s.State is JobState.Watching or JobState.Syncing ? 1 : 0);
        Header(text, "syncconsole_pending_paths", "Changed paths waiting for delivery, per job and remote.", "gauge");
        foreach (var s in statuses)
            foreach (var r in s.Remotes)
                Line(text, "syncconsole_pending_paths", $"job_id=\"{s.JobId}\",remote_id=\"{r.RemoteId}\"", r.PendingPaths);
        Header(text, "syncconsole_oldest_pending_seconds", "Age of the oldest undelivered change, per job and remote (0 when none).", "gauge");
        foreach (var s in statuses)
            foreach (var r in s.Remotes)
                Line(text, "syncconsole_oldest_pending_seconds", $"job_id=\"{s.JobId}\",remote_id=\"{r.RemoteId}\"",
                    r.OldestPendingSince is { } since ? Math.Max(0, (now - since).TotalSeconds) : 0);
        await WriteHealthAsync(text, statuses.Select(s => s.JobId).ToList(), cancellationToken);
        Header(text, "syncconsole_inotify_watches", "inotify watches in use, per job.", "gauge");
        foreach (var s in statuses) Line(text, "syncconsole_inotify_watches", $"job_id=\"{s.JobId}\"", s.WatchedFolders);
        if (ReadMaxUserWatches() is { } max)
        {
            Header(text, "syncconsole_inotify_max_user_watches", "The kernel's fs.inotify.max_user_watches.", "gauge");
            Line(text, "syncconsole_inotify_max_user_watches", null, max);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var byState = await db.FailLog.GroupBy(f => f.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        Header(text, "syncconsole_fail_log_entries", "Fail-log entries by state.", "gauge");
        foreach (var state in Enum.GetValues<FailLogState>())
            Line(text, "syncconsole_fail_log_entries", $"state=\"{state.ToString().ToLowerInvariant()}\"", byState.FirstOrDefault(b => b.Key == state)?.Count ?? 0);
        return text.ToString();
    }

    /// <summary>The same per-remote fields as <c>GET /api/jobs/{id}/status</c>, from the same query.</summary>
    private async Task WriteHealthAsync(StringBuilder text, IReadOnlyCollection<int> jobIds, CancellationToken cancellationToken)
    {
        var statuses = (await statusQuery.GetManyAsync(jobIds, cancellationToken)).Values.OrderBy(s => s.JobId).ToList();
        Header(text, "syncconsole_job_health", "1 for the job's current health (healthy, degraded, unknown).", "gauge");
        foreach (var s in statuses)
            foreach (var health in Enum.GetValues<JobHealth>())
                Line(text, "syncconsole_job_health", $"job_id=\"{s.JobId}\",health=\"{health.ToString().ToLowerInvariant()}\"", s.Health == health ? 1 : 0);
        var remotes = statuses.SelectMany(s => s.Remotes.Select(r => (s.JobId, Remote: r))).ToList();
        Header(text, "syncconsole_remote_reachability", "1 for the remote's current reachability (reachable, unreachable, unknown).", "gauge");
        foreach (var (job, r) in remotes)
            foreach (var state in Enum.GetValues<Reachability>())
                Line(text, "syncconsole_remote_reachability", $"{Labels(job, r)},state=\"{state.ToString().ToLowerInvariant()}\"", r.Reachability == state ? 1 : 0);
        Header(text, "syncconsole_remote_unreachable_since_timestamp_seconds", "Unix time the current outage began (0 unless unreachable).", "gauge");
        foreach (var (job, r) in remotes) Line(text, "syncconsole_remote_unreachable_since_timestamp_seconds", Labels(job, r), r.UnreachableSince?.ToUnixTimeSeconds() ?? 0);
        Header(text, "syncconsole_undelivered_paths", "Paths the remote has not received: pending in the coalescer plus in the fail log.", "gauge");
        foreach (var (job, r) in remotes) Line(text, "syncconsole_undelivered_paths", Labels(job, r), r.UndeliveredPaths);
        Header(text, "syncconsole_fail_log_paths", "Paths in the remote's open fail-log entries.", "gauge");
        foreach (var (job, r) in remotes) Line(text, "syncconsole_fail_log_paths", Labels(job, r), r.FailLogPaths);
        Header(text, "syncconsole_oldest_undelivered_seconds", "Age of the oldest change the remote has not received, fail log included (0 when none).", "gauge");
        foreach (var (job, r) in remotes) Line(text, "syncconsole_oldest_undelivered_seconds", Labels(job, r), r.OldestUndeliveredSeconds);
        Header(text, "syncconsole_last_verify_timestamp_seconds", "Unix time of the last verify against the remote (0 if never).", "gauge");
        foreach (var (job, r) in remotes) Line(text, "syncconsole_last_verify_timestamp_seconds", Labels(job, r), r.LastVerify?.VerifiedAt.ToUnixTimeSeconds() ?? 0);
    }

    private static string Labels(int jobId, RemoteStatusResponse r) => $"job_id=\"{jobId}\",remote_id=\"{r.RemoteId}\"";

    private static long? ReadMaxUserWatches()
    {
        try { return long.TryParse(File.ReadAllText(MaxUserWatchesFile).Trim(), CultureInfo.InvariantCulture, out var v) ? v : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder text, string name, string? labels, double value)
    {
        text.Append(name);
        if (!string.IsNullOrEmpty(labels)) text.Append('{').Append(labels).Append('}');
        text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}
