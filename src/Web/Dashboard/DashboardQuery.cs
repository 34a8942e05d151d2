using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;

namespace SyncConsole.Web.Dashboard;

/// <summary>The dashboard's numbers that live in SQLite: pending failures per job and deliveries per minute.</summary>
public sealed class DashboardQuery(IDbContextFactory<SyncConsoleDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Fail-log entries still waiting for a retry (pending or retrying), per job id.</summary>
    public async Task<IReadOnlyDictionary<int, int>> PendingFailuresByJobAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FailLog.AsNoTracking()
            .Where(f => f.State == FailLogState.Pending || f.State == FailLogState.Retrying)
            .GroupBy(f => f.JobId)
            .Select(g => new { JobId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.JobId, g => g.Count, cancellationToken);
    }

    /// <summary>One entry per minute of the last <paramref name="minutes"/> minutes, oldest first, zeros included.</summary>
    public async Task<IReadOnlyList<DeliveryMinute>> DeliveriesPerMinuteAsync(int minutes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var start = end.AddMinutes(-minutes);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // An hour of runs is small; bucketing in memory keeps the query free of SQLite date functions.
        var runs = await db.SyncRuns.AsNoTracking()
            .Where(r => r.StartedAt >= start && r.ExitCode == 0)
            .Select(r => new { r.StartedAt, r.FilesTransferred, r.Bytes })
            .ToListAsync(cancellationToken);
        var buckets = new (long Files, long Bytes)[minutes];
        foreach (var run in runs)
        {
            var index = (int)Math.Floor((run.StartedAt - start).TotalMinutes);
            if (index < 0 || index >= minutes) continue;
            buckets[index] = (buckets[index].Files + run.FilesTransferred, buckets[index].Bytes + run.Bytes);
        }
        return buckets.Select((b, i) => new DeliveryMinute(start.AddMinutes(i), b.Files, b.Bytes)).ToList();
    }
}
