using SyncConsole.Data.Entities;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Web.Contracts;

/// <summary>One fail-log entry as the API and the Fail log page show it.</summary>
public sealed record FailLogEntryResponse
{
    public required long Id { get; init; }
    public required int JobId { get; init; }
    public string? JobName { get; init; }
    /// <summary>Null when the remote was deleted (the entry stays as history); <see cref="RemoteName"/> still names it.</summary>
    public required int? RemoteId { get; init; }
    public string? RemoteName { get; init; }
    public required IReadOnlyList<ChangedPath> Paths { get; init; }
    public bool FullSync { get; init; }
    public int ExitCode { get; init; }
    public string ExitMeaning { get; init; } = "";
    public string StderrTail { get; init; } = "";
    public int Attempts { get; init; }
    public DateTimeOffset FirstFailureAt { get; init; }
    public DateTimeOffset LastFailureAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public FailLogState State { get; init; }
    public long? ResolvedByRunId { get; init; }

    public static FailLogEntryResponse From(FailLogEntry e) => new()
    {
        Id = e.Id, JobId = e.JobId, JobName = e.Job?.Name, RemoteId = e.RemoteId, RemoteName = e.Remote?.Name ?? e.RemoteName,
        Paths = e.Paths, FullSync = e.FullSync, ExitCode = e.ExitCode, ExitMeaning = e.ExitMeaning, StderrTail = e.StderrTail,
        Attempts = e.Attempts, FirstFailureAt = e.FirstFailureAt, LastFailureAt = e.LastFailureAt, NextAttemptAt = e.NextAttemptAt,
        State = e.State, ResolvedByRunId = e.ResolvedByRunId,
    };
}
