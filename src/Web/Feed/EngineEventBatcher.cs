using System.Text.Json;
using SyncConsole.Engine.Events;

namespace SyncConsole.Web.Feed;

/// <summary>
/// Collects events for one batch. Every event that is not a <see cref="EngineEventKind.FileChanged"/> is kept: they are
/// few (one rsync run per batch of paths) and each one matters. File events beyond <see cref="MaxFileEvents"/> are only counted.
/// </summary>
public sealed class EngineEventBatcher(int maxFileEvents = EngineEventBatcher.DefaultMaxFileEvents)
{
    public const int DefaultMaxFileEvents = 100;

    private static readonly string FileChangedName = JsonNamingPolicy.CamelCase.ConvertName(nameof(EngineEventKind.FileChanged));
    private readonly List<EngineEvent> events = [];
    private int fileEvents;
    private int foldedFiles;
    private readonly Dictionary<int, int> foldedFilesByJob = [];

    public int MaxFileEvents { get; } = maxFileEvents;

    public bool IsEmpty => events.Count == 0 && foldedFiles == 0;

    public void Add(EngineEvent e)
    {
        if (e.Kind == EngineEventKind.FileChanged && ++fileEvents > MaxFileEvents)
        {
            foldedFiles++;
            if (e.JobId is { } jobId) foldedFilesByJob[jobId] = foldedFilesByJob.GetValueOrDefault(jobId) + 1;
            return;
        }
        events.Add(e);
    }

    /// <summary>The batch so far and its share for each job involved (for per-job hub groups), then starts a new one.</summary>
    public (EngineEventBatch All, IReadOnlyDictionary<int, EngineEventBatch> ByJob) Take(long dropped = 0)
    {
        var all = new EngineEventBatch { Events = events.ToArray(), Folded = FoldedFiles(foldedFiles), Dropped = dropped };
        var byJob = events.Where(e => e.JobId is not null).Select(e => e.JobId!.Value).Concat(foldedFilesByJob.Keys).Distinct()
            .ToDictionary(jobId => jobId, jobId => new EngineEventBatch
            {
                Events = all.Events.Where(e => e.JobId == jobId).ToArray(),
                Folded = FoldedFiles(foldedFilesByJob.GetValueOrDefault(jobId)),
                Dropped = dropped,
            });
        events.Clear();
        foldedFilesByJob.Clear();
        fileEvents = foldedFiles = 0;
        return (all, byJob);
    }

    private static Dictionary<string, int> FoldedFiles(int count) =>
        count > 0 ? new Dictionary<string, int> { [FileChangedName] = count } : [];
}
