namespace SyncConsole.Engine.Running;

public sealed record JobRunnerOptions
{
    /// <summary>How often a job whose watch folder is missing looks for it again.</summary>
    public TimeSpan MissingRootRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// While part of the tree cannot be watched (inotify watch limit reached), how often the folders left unwatched
    /// are scanned for changes. 30 s, so a change there is delivered within a minute.
    /// </summary>
    public TimeSpan UnwatchedScanInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// While part of the tree cannot be watched, how often the missing watches are tried again (one probe, cheap):
    /// 15 s, so live watching resumes within 30 s of the limit being raised or folders removed.
    /// </summary>
    public TimeSpan WatchRetryInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many rsync runs one remote of one job may have in flight at once, on disjoint paths: a small edit need
    /// not wait behind a large upload. Falls back to 1 for a daemon whose "max connections" refuses the second.
    /// </summary>
    public int RunsPerRemote { get; init; } = 2;

    /// <summary>How long a stopping job lets an in-flight rsync finish before it is killed.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(30);
}
