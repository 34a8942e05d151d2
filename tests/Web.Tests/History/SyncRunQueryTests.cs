using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Delivery;
using SyncConsole.Web.History;

namespace SyncConsole.Web.Tests.History;

public sealed class SyncRunQueryTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task PageAsync_FiltersAndPages_NewestFirstWithNames()
    {
        var (jobId, remoteId) = await DbSeed.JobWithRemoteAsync(factory, "history-query");
        var (otherJob, otherRemote) = await DbSeed.JobWithRemoteAsync(factory, "history-other");
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, 30).Select(i => new SyncRun
        {
            JobId = jobId, RemoteId = remoteId, Kind = i % 3 == 0 ? RunKind.Full : RunKind.Realtime, StartedAt = now.AddSeconds(i),
            ExitCode = i % 5 == 0 ? 23 : 0, CommandLine = $"rsync -artuz run{i}",
        }).Append(new SyncRun { JobId = otherJob, RemoteId = otherRemote, StartedAt = now, CommandLine = "rsync other" }).ToArray<object>();
        await DbSeed.AddAsync(factory, rows);
        var query = factory.Services.GetRequiredService<SyncRunQuery>();

        var (page1, total) = await query.PageAsync(new SyncRunFilter { JobId = jobId }, 0, 10, CancellationToken.None);
        var (page3, _) = await query.PageAsync(new SyncRunFilter { JobId = jobId }, 2, 10, CancellationToken.None);
        var (failedFull, failedFullTotal) = await query.PageAsync(new SyncRunFilter { JobId = jobId, Kind = RunKind.Full, FailedOnly = true }, 0, 50, CancellationToken.None);
        var (byRemote, byRemoteTotal) = await query.PageAsync(new SyncRunFilter { RemoteId = otherRemote }, 0, 50, CancellationToken.None);

        Assert.Equal(30, total);
        Assert.Equal("rsync -artuz run29", page1[0].CommandLine);
        Assert.Equal("rsync -artuz run0", page3[^1].CommandLine);
        Assert.Equal(("history-query", "history-query-remote"), (page1[0].JobName, page1[0].RemoteName));
        Assert.Equal(2, failedFullTotal); // runs 0 and 15
        Assert.All(failedFull, r => Assert.True(r.Failed && r.Kind == RunKind.Full));
        Assert.Equal(1, byRemoteTotal);
        Assert.Equal("rsync other", byRemote[0].CommandLine);
    }
}
