using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Delivery;
using SyncConsole.Web.Dashboard;

namespace SyncConsole.Web.Tests.Dashboard;

public sealed class DashboardQueryTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task Queries_SeededRunsAndFailures_BucketSuccessfulRunsPerMinuteAndCountOpenFailures()
    {
        var (jobId, remoteId) = await DbSeed.JobWithRemoteAsync(factory, "dashboard-query");
        var now = DateTimeOffset.UtcNow;
        SyncRun Run(DateTimeOffset at, int files, long bytes, int exit = 0) => new()
        {
            JobId = jobId, RemoteId = remoteId, Kind = RunKind.Realtime, StartedAt = at, FilesTransferred = files, Bytes = bytes, ExitCode = exit, CommandLine = "rsync",
        };
        FailLogEntry Failure(FailLogState state) => new() { JobId = jobId, RemoteId = remoteId, State = state, FirstFailureAt = now, LastFailureAt = now };
        await DbSeed.AddAsync(factory,
            Run(now, 2, 2048), Run(now, 3, 1024), Run(now, 50, 999, exit: 10), Run(now.AddMinutes(-30), 1, 100), Run(now.AddHours(-2), 7, 7),
            Failure(FailLogState.Pending), Failure(FailLogState.Retrying), Failure(FailLogState.Resolved), Failure(FailLogState.Discarded));
        var query = factory.Services.GetRequiredService<DashboardQuery>();

        var minutes = await query.DeliveriesPerMinuteAsync(60, CancellationToken.None);
        var failures = await query.PendingFailuresByJobAsync(CancellationToken.None);

        Assert.Equal(60, minutes.Count);
        // The runs "now" sit in the last minute, or the one before if the clock just crossed a minute.
        Assert.Equal((5L, 3072L), (minutes.TakeLast(2).Sum(m => m.Files), minutes.TakeLast(2).Sum(m => m.Bytes)));
        Assert.Equal((6L, 3172L), (minutes.Sum(m => m.Files), minutes.Sum(m => m.Bytes)));
        Assert.Equal(2, failures[jobId]);
    }
}
