using SyncConsole.Data.Entities;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Web.Contracts;

/// <summary>
/// The last verify of one job against one remote: "identical at <see cref="VerifiedAt"/>" when <see cref="InSync"/>,
/// otherwise how many paths differ and how (the first 1000 in <see cref="Differences"/>; empty in the status summary).
/// </summary>
public sealed record VerifyResultResponse
{
    public required int RemoteId { get; init; }
    public string? RemoteName { get; init; }
    public required DateTimeOffset VerifiedAt { get; init; }
    public bool Completed { get; init; }
    public bool InSync => Completed && DifferenceCount == 0;
    public int DifferenceCount { get; init; }
    public IReadOnlyList<RsyncDifference> Differences { get; init; } = [];
    public int ExitCode { get; init; }
    public string? ExitMeaning { get; init; }
    public string? Error { get; init; }
    public long? SyncRunId { get; init; }
    public string Summary => !Completed ? $"could not verify: {Error ?? ExitMeaning}"
        : DifferenceCount == 0 ? $"verified identical at {SyncConsole.Web.Components.Shared.Format.Time(VerifiedAt)}" : $"{DifferenceCount} path(s) differ (verified at {SyncConsole.Web.Components.Shared.Format.Time(VerifiedAt)})"
            + (KeptByJobOptions > 0 ? $"; {KeptByJobOptions} kept by the job's options (e.g. -u: the remote copy is newer): only 'make identical' replaces them" : "");
    /// <summary>Of the stored differences, those the job's own runs leave in place (see <see cref="RsyncDifference.KeptByJobOption"/>).</summary>
    public int KeptByJobOptions { get; init; }

    public static VerifyResultResponse From(VerifyResult r, bool withDifferences) => new()
    {
        RemoteId = r.RemoteId, RemoteName = r.Remote?.Name, VerifiedAt = r.VerifiedAt, Completed = r.Completed,
        DifferenceCount = r.DifferenceCount, Differences = withDifferences ? r.Differences : [], ExitCode = r.ExitCode,
        ExitMeaning = r.ExitMeaning, Error = r.Error, SyncRunId = r.SyncRunId,
        KeptByJobOptions = r.Differences.Count(d => d.KeptByJobOption is not null),
    };
}
