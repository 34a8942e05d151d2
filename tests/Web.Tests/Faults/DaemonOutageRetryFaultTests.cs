using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Faults;

/// <summary>
/// The rsync daemon killed in the middle of a 5 000-file burst and back 30 s later: the Quartz fail-log retry
/// (every 2 s here, with its backoff) must deliver what failed and leave no open entry.
/// </summary>
[Trait("Category", "Fault")]
public sealed class DaemonOutageRetryFaultTests(ShortRetryFactory factory) : IClassFixture<ShortRetryFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task Daemon_KilledMidBurstAndBack30sLater_RetryDeliversAndFailLogIsEmpty()
    {
        var remoteId = await scenario.CreateRemoteAsync("outage-remote");
        var created = await scenario.Client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "outage job", WatchPath = scenario.Watched.Path, RemoteIds = [remoteId], RetryIntervalMinutes = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var jobId = (await created.Content.ReadFromJsonAsync<JobResponse>())!.Id;

        // The daemon must die while the job is delivering, not before its first run.
        await Eventually.TrueAsync(() => SucceededRuns(jobId) > 0, "the job's start-up sync reached the daemon", 30);
        for (var i = 0; i < 5_000; i++)
        {
            if (i % 500 == 0) Directory.CreateDirectory(Path.Combine(scenario.Watched.Path, $"d{i / 500}"));
            File.WriteAllText(Path.Combine(scenario.Watched.Path, $"d{i / 500}", $"f{i:0000}.txt"), $"payload {i}");
            if (i == 1_500) await scenario.Daemon.StopAsync();
        }
        await Eventually.TrueAsync(() => OpenFailLogEntries(jobId) > 0, "the outage is in the fail log", 60);
        await Task.Delay(TimeSpan.FromSeconds(30)); // the outage itself, not a wait for a condition
        // A receiver killed mid-file leaves its temp file; plant one so the clean-up is proved on every run, not only
        // when the kill happens to land inside a transfer.
        // (At the top, where no retried folder's --delete would reach it: only the reconcile can remove it.)
        File.WriteAllText(Path.Combine(scenario.Daemon.ModulePath, ".f0001.txt.Kq3xZ9"), "partial");
        await scenario.Daemon.StartAsync();

        await Eventually.TrueAsync(() => OpenFailLogEntries(jobId) == 0, "the retry resolved the fail log", 150);
        // The retry tells the quiet job its remote is back, and the job reconciles (removing what the kill left).
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Daemon.ModulePath), "the reconcile after the retry converged", 60);
        TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
        HostCrashFaultTests.AssertDatabaseIntact(factory.DataDirectory);
    }

    private int SucceededRuns(int jobId)
    {
        using var db = factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContext();
        return db.SyncRuns.Count(r => r.JobId == jobId && r.ExitCode == 0);
    }

    private int OpenFailLogEntries(int jobId)
    {
        using var db = factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContext();
        return db.FailLog.Count(f => f.JobId == jobId && (f.State == FailLogState.Pending || f.State == FailLogState.Retrying));
    }
}
