namespace SyncConsole.Engine.Running;

public sealed record JobRunnerOptions
{
    /// <summary>How often a job whose watch folder is missing looks for it again.</summary>
    public TimeSpan MissingRootRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Full-sync period while part of the tree cannot be watched (inotify watch limit reached).</summary>
    public TimeSpan UnwatchedFullSyncInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many rsync runs one remote of one job may have in flight at once, on disjoint paths: a small edit need
    /// not wait behind a large upload. Falls back to 1 for a daemon whose "max connections" refuses the second.
    /// </summary>
    public int RunsPerRemote { get; init; } = 2;

    /// <summary>How long a stopping job lets an in-flight rsync finish before it is killed.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(30);
}
