using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Rsync;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Verify;

/// <summary>
/// "Never claim in sync without proof": a dry-run comparison of a job's folder with each of its remotes, the
/// result stored per job and remote (replacing the previous one) so the job status can show it.
/// </summary>
public sealed class JobVerifier(IDbContextFactory<SyncConsoleDbContext> dbFactory, JobDefinitionSource jobs, RemoteVerifier verifier, TimeProvider clock)
{
    private static readonly SemaphoreSlim StoreGate = new(1, 1);

    /// <summary>Verifies every remote of the job (or one); null when the job does not exist.</summary>
    /// <param name="deep">Compare checksums too (<c>--checksum</c>): slower, reads every file on both sides.</param>
    public async Task<IReadOnlyList<VerifyResultResponse>?> VerifyAsync(int jobId, int? remoteId, CancellationToken cancellationToken, bool deep = false)
    {
        var job = await jobs.LoadAsync(jobId, cancellationToken);
        if (job is null) return null;
        var results = new List<VerifyResultResponse>();
        foreach (var remote in job.Remotes.Where(r => remoteId is null || r.Id == remoteId))
        {
            var at = clock.GetUtcNow();
            VerifyReport? report = null;
            string? error = null;
            try { report = await verifier.VerifyAsync(job, remote, cancellationToken, deep: deep); }
            catch (RsyncConfigurationException e) { error = e.Message; }

            // A scheduled and a manual verify of the same pair may finish together: the first would insert the
            // (unique) row twice. One writer at a time; the store step is a few milliseconds.
            await StoreGate.WaitAsync(cancellationToken);
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var row = await db.VerifyResults.SingleOrDefaultAsync(r => r.JobId == jobId && r.RemoteId == remote.Id, cancellationToken);
                if (row is null) db.VerifyResults.Add(row = new VerifyResult { JobId = jobId, RemoteId = remote.Id });
                row.VerifiedAt = at;
                row.Completed = report?.Completed ?? false;
                row.DifferenceCount = report?.Differences.Count ?? 0;
                row.Differences = report?.Differences.Take(VerifyResult.MaxStoredDifferences).ToList() ?? [];
                row.ExitCode = report?.Run.ExitCode ?? RsyncExitCodes.InvalidConfiguration;
                row.ExitMeaning = report?.Run.Meaning;
                row.Error = error ?? (report is { Completed: false } ? LastLine(report.Run.StderrTail) : null);
                row.SyncRunId = report?.SyncRunId;
                await db.SaveChangesAsync(cancellationToken);
                results.Add(VerifyResultResponse.From(row, withDifferences: true) with { RemoteName = remote.Name });
            }
            finally { StoreGate.Release(); }
        }
        return results;
    }

    /// <summary>The stored results of the job's last verify per remote.</summary>
    public async Task<IReadOnlyList<VerifyResultResponse>> LastAsync(int jobId, bool withDifferences, CancellationToken cancellationToken) =>
        (await LastAsync([jobId], withDifferences, cancellationToken))[jobId].ToList();

    /// <summary>The same for several jobs in one query, by job.</summary>
    public async Task<ILookup<int, VerifyResultResponse>> LastAsync(IReadOnlyCollection<int> jobIds, bool withDifferences, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.VerifyResults.AsNoTracking().Include(r => r.Remote).Where(r => jobIds.Contains(r.JobId))
            .OrderBy(r => r.JobId).ThenBy(r => r.RemoteId).ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.JobId, r => VerifyResultResponse.From(r, withDifferences));
    }

    private static string? LastLine(string text) => text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
}
