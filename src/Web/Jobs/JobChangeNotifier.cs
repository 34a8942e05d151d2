namespace SyncConsole.Web.Jobs;

/// <summary>
/// Raised after any job or remote is created, changed or deleted, so the engine host can reload its job
/// definitions (read them with <see cref="JobDefinitionSource"/>). Handlers run on the writer's thread: keep them short.
/// </summary>
public sealed class JobChangeNotifier
{
    private long version;

    public event EventHandler? JobsChanged;

    /// <summary>Incremented on every change; lets a poller notice changes it missed.</summary>
    public long Version => Interlocked.Read(ref version);

    public void NotifyChanged()
    {
        Interlocked.Increment(ref version);
        JobsChanged?.Invoke(this, EventArgs.Empty);
    }
}
