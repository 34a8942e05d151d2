using SyncConsole.Engine.Rsync;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Verify;

/// <summary>
/// What "make identical" would do to each remote, from a verify run just before it: the confirmation names the
/// numbers, so nobody overwrites or deletes remote files without being told how many.
/// </summary>
public sealed record MakeIdenticalPreview(IReadOnlyList<MakeIdenticalPreview.RemoteChanges> Remotes)
{
    public sealed record RemoteChanges(string Remote, bool Verified, int Overwrite, int Create, int Delete, int KeptByJobOptions, string? Error);

    public bool CanProceed => Remotes.Count > 0 && Remotes.All(r => r.Verified);
    public bool NothingToDo => CanProceed && Remotes.All(r => r.Overwrite + r.Create + r.Delete == 0);

    public static MakeIdenticalPreview From(IReadOnlyList<VerifyResultResponse> results, bool deleteEnabled) =>
        new([.. results.Select(r => r.Completed
            ? new RemoteChanges(r.RemoteName ?? $"remote {r.RemoteId}", true,
                Overwrite: r.Differences.Count(d => !d.IsDirectory && d.Kind is not (DifferenceKind.MissingOnRemote or DifferenceKind.ExtraOnRemote)),
                Create: r.Differences.Count(d => d.Kind == DifferenceKind.MissingOnRemote),
                Delete: deleteEnabled ? r.Differences.Count(d => d.Kind == DifferenceKind.ExtraOnRemote) : 0,
                KeptByJobOptions: r.KeptByJobOptions, Error: null)
            : new RemoteChanges(r.RemoteName ?? $"remote {r.RemoteId}", false, 0, 0, 0, 0, r.Error ?? r.ExitMeaning ?? "the comparison did not complete"))]);

    /// <summary>The confirmation text, one sentence per remote.</summary>
    public string Describe() => string.Join(" ", Remotes.Select(r => r.Verified
        ? $"{r.Remote}: overwrites {r.Overwrite} remote file(s){(r.KeptByJobOptions > 0 ? $" ({r.KeptByJobOptions} of them kept by the job's own options, e.g. newer with -u)" : "")}, creates {r.Create} and deletes {r.Delete} remote-only path(s)."
        : $"{r.Remote}: could not be compared ({r.Error}); nothing is changed there."));
}
