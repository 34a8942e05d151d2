using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Quartz;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Delivery;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.History;
using SyncConsole.Web.Scheduling;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Web.Tests.History;

/// <summary>Old sync runs and settled fail-log entries go; recent history and anything still to deliver stays.</summary>
public sealed class HistoryPrunerTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task PruneAsync_OlderThanHistoryDays_DeletesOldRunsAndSettledEntriesOnly()
    {
        var (jobId, remoteId) = await DbSeed.JobWithRemoteAsync(factory, $"prune-{Guid.NewGuid():N}");
        var now = DateTimeOffset.UtcNow;
        var old = now.AddDays(-31);
        var recent = now.AddDays(-29);
        SyncRun Run(DateTimeOffset at, string marker) => new() { JobId = jobId, RemoteId = remoteId, Kind = RunKind.Realtime, StartedAt = at, CommandLine = marker };
        FailLogEntry Entry(DateTimeOffset at, FailLogState state, string path) => new()
        {
            JobId = jobId, RemoteId = remoteId, State = state, Paths = [new ChangedPath(path, false)], FirstFailureAt = at, LastFailureAt = at,
            ExitCode = 10, ExitMeaning = "error in socket I/O",
        };
        await DbSeed.AddAsync(factory,
            Run(old, "old run"), Run(recent, "recent run"),
            Entry(old, FailLogState.Resolved, "old-resolved"), Entry(old, FailLogState.Discarded, "old-discarded"),
            Entry(old, FailLogState.Pending, "old-pending"), Entry(recent, FailLogState.Resolved, "recent-resolved"));

        var (runs, entries) = await factory.Services.GetRequiredService<HistoryPruner>().PruneAsync(CancellationToken.None);

        Assert.True(runs >= 1 && entries >= 2, $"pruned {runs} runs, {entries} entries");
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContextAsync();
        Assert.Equal(["recent run"], await db.SyncRuns.Where(r => r.JobId == jobId).Select(r => r.CommandLine).ToListAsync());
        var left = (await db.FailLog.Where(e => e.JobId == jobId).ToListAsync()).Select(e => e.Paths[0].RelativePath).Order().ToList();
        Assert.Equal(["old-pending", "recent-resolved"], left);
    }

    [Fact]
    public async Task PruneAsync_HistoryDaysZero_KeepsEverything()
    {
        var (jobId, remoteId) = await DbSeed.JobWithRemoteAsync(factory, $"keep-{Guid.NewGuid():N}");
        await DbSeed.AddAsync(factory, new SyncRun { JobId = jobId, RemoteId = remoteId, Kind = RunKind.Full, StartedAt = DateTimeOffset.UtcNow.AddYears(-2) });
        var pruner = new HistoryPruner(factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>(),
            Options.Create(new SyncConsoleOptions { HistoryDays = 0 }), TimeProvider.System, NullLogger<HistoryPruner>.Instance);

        Assert.Equal((0, 0), await pruner.PruneAsync(CancellationToken.None));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.SyncRuns.CountAsync(r => r.JobId == jobId));
    }

    [Fact]
    public async Task Host_SchedulesThePruneEverySixHours()
    {
        using var _ = factory.CreateAnonymousClient();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = Assert.Single(await scheduler.GetTriggersOfJob(HistoryPruneJob.Key));
        Assert.Equal(TimeSpan.FromHours(6), Assert.IsAssignableFrom<ISimpleTrigger>(trigger).RepeatInterval);
    }
}
