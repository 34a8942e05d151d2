using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.History;

/// <summary>
/// Deletes sync runs and settled fail-log entries older than <see cref="SyncConsoleOptions.HistoryDays"/>: a busy job
/// writes thousands of runs a day, and SQLite is the appliance's only store. What still needs delivering stays.
/// </summary>
public sealed class HistoryPruner(
    IDbContextFactory<SyncConsoleDbContext> dbFactory, IOptions<SyncConsoleOptions> options, TimeProvider clock, ILogger<HistoryPruner> logger)
{
    public async Task<(int Runs, int FailLogEntries)> PruneAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.HistoryDays;
        if (days <= 0) return (0, 0);
        var cutoff = clock.GetUtcNow().AddDays(-days);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.SyncRuns.Where(r => r.StartedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var entries = await db.FailLog
            .Where(e => (e.State == FailLogState.Resolved || e.State == FailLogState.Discarded) && e.LastFailureAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        // Closed alert incidents too; open ones are what keeps an alert from repeating.
        var incidents = await db.AlertIncidents.Where(i => i.ClosedAt != null && i.ClosedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (incidents > 0) logger.LogInformation("{Incidents} closed alert incident(s) older than {Days} days removed", incidents, days);
        if (runs + entries > 0)
            logger.LogInformation("History older than {Days} days removed: {Runs} sync run(s), {Entries} settled fail-log entr(ies)", days, runs, entries);
        return (runs, entries);
    }
}
