using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Engine.Alerts;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Engine;

namespace SyncConsole.Web.Notifications;

/// <summary>
/// Reads the existing signals into alert conditions: each job's status (remote reachability, job state, held runs,
/// last verify; <see cref="JobStatusQuery"/>) and the fail log's undelivered entries. What a signal cannot tell yet (a
/// remote nothing has tried since the start, a job still starting) is "uncertain", never "recovered".
/// </summary>
public sealed class AlertConditionCollector(IDbContextFactory<SyncConsoleDbContext> dbFactory, JobStatusQuery statuses, IFailLog failLog)
{
    public static string RemoteKey(int remoteId) => $"remoteUnreachable:{remoteId}";
    public static string FailLogKey(int jobId, int remoteId) => $"failLogStale:{jobId}:{remoteId}";
    public static string JobErrorKey(int jobId) => $"jobError:{jobId}";
    public static string VerifyKey(int jobId, int remoteId) => $"verifyDifferences:{jobId}:{remoteId}";
    public static string HeldKey(int jobId, int remoteId) => $"deletionHeld:{jobId}:{remoteId}";

    public async Task<AlertObservations> CollectAsync(CancellationToken cancellationToken)
    {
        Dictionary<int, string> jobNames, remoteNames;
        List<(int JobId, int RemoteId)> links;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            jobNames = await db.Jobs.AsNoTracking().ToDictionaryAsync(j => j.Id, j => j.Name, cancellationToken);
            remoteNames = await db.Remotes.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
            links = (await db.JobRemotes.AsNoTracking().Select(l => new { l.JobId, l.RemoteId }).ToListAsync(cancellationToken))
                .Select(l => (l.JobId, l.RemoteId)).ToList();
        }
        var status = await statuses.GetManyAsync(jobNames.Keys.ToList(), cancellationToken);
        var problems = new List<AlertCondition>();
        var uncertain = new HashSet<string>();
        string Job(int id) => jobNames.GetValueOrDefault(id, $"#{id}");
        string Remote(int id) => remoteNames.GetValueOrDefault(id, $"#{id}");

        // Reachability is a property of the remote: one incident however many jobs see the outage.
        var reach = new Dictionary<int, List<(string Job, Reachability State, DateTimeOffset? Since, string? Reason)>>();
        foreach (var (jobId, s) in status)
        {
            if (s.State == JobState.Starting)
            {
                uncertain.Add(JobErrorKey(jobId));
                foreach (var link in links.Where(l => l.JobId == jobId)) { uncertain.Add(RemoteKey(link.RemoteId)); uncertain.Add(HeldKey(jobId, link.RemoteId)); }
            }
            var held = s.Remotes.Where(r => r.HeldRun is not null).ToList();
            // A held run makes the job's state an error too; the deletion rule says that, not the job-error rule.
            var heldOnly = held.Count > 0 && s.Reason == string.Join(" | ", held.Select(r => r.HeldRun!.Message));
            if (s.State == JobState.Error && !heldOnly)
                problems.Add(new AlertCondition
                {
                    Key = JobErrorKey(jobId), Kind = AlertKind.JobError, JobId = jobId, JobName = Job(jobId),
                    Title = $"job '{Job(jobId)}' in error", Detail = s.Reason ?? "",
                });
            foreach (var r in s.Remotes)
            {
                (reach.TryGetValue(r.RemoteId, out var votes) ? votes : reach[r.RemoteId] = []).Add((Job(jobId), r.Reachability, r.UnreachableSince, r.UnreachableReason));
                if (r.HeldRun is { } h)
                    problems.Add(new AlertCondition
                    {
                        Key = HeldKey(jobId, r.RemoteId), Kind = AlertKind.DeletionHeld, JobId = jobId, JobName = Job(jobId), RemoteId = r.RemoteId,
                        RemoteName = r.Name, Since = h.HeldAt, Title = $"deletion guard held a run of job '{Job(jobId)}' to remote '{r.Name}'",
                        Detail = $"Would delete {h.WouldDelete} of {h.RemoteEntries} remote entries: {string.Join("; ", h.Reasons)}",
                    });
            }
            foreach (var v in s.Verify)
            {
                if (!v.Completed) uncertain.Add(VerifyKey(jobId, v.RemoteId));
                else if (v.DifferenceCount > 0)
                    problems.Add(new AlertCondition
                    {
                        Key = VerifyKey(jobId, v.RemoteId), Kind = AlertKind.VerifyDifferences, JobId = jobId, JobName = Job(jobId), RemoteId = v.RemoteId,
                        RemoteName = Remote(v.RemoteId), Since = v.VerifiedAt,
                        Title = $"verify of job '{Job(jobId)}' found differences on remote '{Remote(v.RemoteId)}'", Detail = v.Summary,
                    });
            }
        }

        foreach (var (remoteId, votes) in reach)
        {
            var down = votes.Where(v => v.State == Reachability.Unreachable).ToList();
            if (down.Count > 0)
                problems.Add(new AlertCondition
                {
                    Key = RemoteKey(remoteId), Kind = AlertKind.RemoteUnreachable, RemoteId = remoteId, RemoteName = Remote(remoteId),
                    Since = down.Min(d => d.Since), Title = $"remote '{Remote(remoteId)}' unreachable",
                    Detail = $"{down[0].Reason} (seen by job{(down.Count > 1 ? "s" : "")} {string.Join(", ", down.Select(d => $"'{d.Job}'"))})",
                });
            else if (votes.All(v => v.State == Reachability.Unknown)) uncertain.Add(RemoteKey(remoteId));
        }

        foreach (var u in await failLog.UndeliveredAsync(jobNames.Keys.ToList(), cancellationToken))
            problems.Add(new AlertCondition
            {
                Key = FailLogKey(u.JobId, u.RemoteId), Kind = AlertKind.FailLogStale, JobId = u.JobId, JobName = Job(u.JobId), RemoteId = u.RemoteId,
                RemoteName = Remote(u.RemoteId), Since = u.OldestFailureAt,
                Title = $"changes of job '{Job(u.JobId)}' not delivered to remote '{Remote(u.RemoteId)}' (fail log)",
                Detail = $"{u.Paths} path(s) in {u.Entries} fail-log entr{(u.Entries == 1 ? "y" : "ies")}{(u.FullSync ? ", a full sync among them" : "")}; last failure: {u.LastExitMeaning}",
            });
        return new AlertObservations(problems, uncertain);
    }
}
