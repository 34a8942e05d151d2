using System.Collections.Concurrent;
using SyncConsole.Engine.Events;

namespace SyncConsole.Web.Monitoring;

/// <summary>
/// Process-lifetime counters fed from the engine's event stream (a subscriber of its own, so counting never slows
/// syncing). Gauges are not kept here: <see cref="MetricsWriter"/> reads them at scrape time.
/// </summary>
public sealed class EngineMetrics(EngineEventStream events) : BackgroundService
{
    private readonly ConcurrentDictionary<(string Name, string Labels), long> counters = new();
    private EngineEventStream.Subscription? subscription;

    /// <summary>Events this subscriber lost because it fell behind (counts are then low, never high).</summary>
    public long Dropped => subscription?.Dropped ?? 0;

    public IReadOnlyList<KeyValuePair<(string Name, string Labels), long>> Snapshot() => counters.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Runs synchronously up to the first await inside the host's start, so nothing published after start is missed.
        using var s = subscription = events.Subscribe(capacity: 65_536);
        try
        {
            await foreach (var e in s.Reader.ReadAllAsync(stoppingToken)) Count(e);
        }
        catch (OperationCanceledException) { }
    }

    private void Count(EngineEvent e)
    {
        var job = $"job_id=\"{e.JobId}\"";
        var jobRemote = $"{job},remote_id=\"{e.RemoteId}\"";
        switch (e.Kind)
        {
            case EngineEventKind.FileChanged:
                Add("syncconsole_events_total", job);
                break;
            case EngineEventKind.BatchFlushed:
                Add("syncconsole_batches_total", jobRemote);
                break;
            case EngineEventKind.RsyncFinished:
                Add("syncconsole_rsync_runs_total", jobRemote + ",result=\"success\"");
                Add("syncconsole_delivered_bytes_total", jobRemote, e.Bytes);
                Add("syncconsole_delivered_files_total", jobRemote, e.FilesTransferred ?? 0);
                break;
            // Only real runs (with a run row); the summary event after a failed retry repeats one of them.
            case EngineEventKind.RsyncFailed when e.SyncRunId is not null:
                Add("syncconsole_rsync_runs_total", jobRemote + ",result=\"failure\"");
                break;
            case EngineEventKind.PluginRan:
                Add("syncconsole_plugin_runs_total", job + ",result=\"success\"");
                break;
            case EngineEventKind.PluginFailed:
                Add("syncconsole_plugin_runs_total", job + ",result=\"failure\"");
                break;
        }
    }

    private void Add(string name, string labels, long by = 1) => counters.AddOrUpdate((name, labels), by, (_, v) => v + by);
}
