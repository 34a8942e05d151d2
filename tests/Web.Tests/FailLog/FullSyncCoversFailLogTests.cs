using Microsoft.EntityFrameworkCore;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Delivery;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.FailLog;

/// <summary>
/// A successful full sync copies the tree as it is, so the outage's fail-log entry is closed by it at once instead of
/// showing "pending" until the next scheduled retry (60 min here).
/// </summary>
public sealed class FullSyncCoversFailLogTests(ManualRetryFactory factory) : IClassFixture<ManualRetryFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private Task<List<FailLogEntry>> Entries(int jobId) => scenario.InDb(db => db.FailLog.AsNoTracking().Where(e => e.JobId == jobId).ToListAsync());

    /// <summary>An outage recorded in the fail log, then the daemon back and a live change that succeeds (which reconciles).</summary>
    private async Task<int> OutageThenRecoveryAsync(string name, IReadOnlyList<string>? fullSyncExcludes)
    {
        var remote = await scenario.CreateRemoteAsync(name);
        var job = await scenario.CreateJobAsync(new JobRequest { Name = name, RemoteIds = [remote], FullSyncExcludes = fullSyncExcludes });
        await Eventually.TrueAsync(() => scenario.InDb(db => db.SyncRuns.AnyAsync(r => r.JobId == job && r.Kind == RunKind.Full && r.ExitCode == 0)).Result,
            "the start-up sync reached the daemon", 30);
        await scenario.Daemon.StopAsync();
        File.WriteAllText(scenario.Local("during.txt"), "written while the daemon was down");
        await Eventually.TrueAsync(() => Entries(job).Result.Any(e => e.State == FailLogState.Pending), "the outage is in the fail log", 60);

        await scenario.Daemon.StartAsync();
        File.WriteAllText(scenario.Local("after.txt"), "the first change after");
        await Eventually.TrueAsync(() => scenario.InDb(db => db.SyncRuns.CountAsync(r => r.JobId == job && r.Kind == RunKind.Full && r.ExitCode == 0)).Result >= 2,
            "the reconciling full sync after the recovery ran", 60);
        return job;
    }

    [Fact]
    public async Task RemoteBack_ReconcilingFullSync_ResolvesTheOutageEntryWithoutWaitingForTheRetry()
    {
        var job = await OutageThenRecoveryAsync("covered", null);

        await Eventually.TrueAsync(() => Entries(job).Result.All(e => e.State == FailLogState.Resolved), "the entry is resolved", 30);
        var entry = Assert.Single(await Entries(job));
        Assert.NotNull(entry.ResolvedByRunId);
        var run = await scenario.InDb(db => db.SyncRuns.SingleAsync(r => r.Id == entry.ResolvedByRunId));
        Assert.Equal(RunKind.Full, run.Kind);
        Assert.True(scenario.RemoteHas("during.txt", "written while the daemon was down"));
    }

    [Fact]
    public async Task JobWithFullSyncExcludes_ReconcilingFullSync_LeavesTheEntryToItsRetry()
    {
        // The full sync could leave an excluded path out: it must not claim to have delivered the entry.
        var job = await OutageThenRecoveryAsync("not covered", ["*.bak"]);

        Assert.Equal(FailLogState.Pending, Assert.Single(await Entries(job)).State);
    }
}
