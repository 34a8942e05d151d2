namespace SyncConsole.Engine.Alerts;

/// <summary>
/// A problem seen now, e.g. "remote 'backup' unreachable". <see cref="Key"/> names the incident (one per remote, per job,
/// per job and remote), so the same problem seen again is the same incident. <see cref="Since"/> is when it began, if
/// the signal knows it (an outage's first failure, the oldest fail-log entry); otherwise the evaluator counts from
/// the first time it saw it.
/// </summary>
public sealed record AlertCondition
{
    public required string Key { get; init; }
    public required AlertKind Kind { get; init; }
    public int? JobId { get; init; }
    public string? JobName { get; init; }
    public int? RemoteId { get; init; }
    public string? RemoteName { get; init; }
    public DateTimeOffset? Since { get; init; }
    /// <summary>One line, e.g. "remote 'backup' unreachable".</summary>
    public required string Title { get; init; }
    /// <summary>The signal's own words, e.g. rsync's reason.</summary>
    public string Detail { get; init; } = "";
}

/// <summary>
/// Everything the signals say at one moment: the problems, and the keys they cannot tell about right now (a remote
/// nothing has tried since the start, a job still starting). An open incident whose key is uncertain stays open: a
/// restart must not send a recovery that is not one.
/// </summary>
public sealed record AlertObservations(IReadOnlyList<AlertCondition> Problems, IReadOnlySet<string> Uncertain)
{
    public static AlertObservations Empty { get; } = new([], new HashSet<string>());
}
