using System.Collections.Concurrent;
using SyncConsole.Engine.Watching;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Watching;

/// <summary>Collects what a watcher reports and waits (polling, generous timeout) for a condition on it.</summary>
internal sealed class ChangeRecorder
{
    private readonly ConcurrentQueue<FileChange> changes = new();
    private readonly ConcurrentQueue<WatcherSignal> signals = new();

    public void OnChange(FileChange change) => changes.Enqueue(change);

    public void OnSignal(WatcherSignal signal) => signals.Enqueue(signal);

    public IReadOnlyList<FileChange> Changes => [.. changes];

    public IReadOnlyList<WatcherSignal> Signals => [.. signals];

    public bool Has(string path, FileChangeKind kind) => changes.Any(c => c.RelativePath == path && c.Kind == kind);

    public static Task WaitUntil(Func<bool> condition, string what, int timeoutSeconds = 20) =>
        Eventually.TrueAsync(condition, what, timeoutSeconds);

    /// <summary>Writes a marker file and waits for it, so everything the test did before has been read too.</summary>
    public async Task Flush(string root, string marker = "zz-marker")
    {
        var name = $"{marker}-{Guid.NewGuid():N}";
        await File.WriteAllTextAsync(Path.Combine(root, name), "m");
        await WaitUntil(() => Has(name, FileChangeKind.Written), $"marker {name}");
    }
}
