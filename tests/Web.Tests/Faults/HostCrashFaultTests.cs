using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using Xunit.Abstractions;

namespace SyncConsole.Web.Tests.Faults;

/// <summary>
/// The real host process SIGKILLed in the middle of a burst and started again on the same data directory: the
/// start-up reconcile brings the remote to the same bytes, and the SQLite file (WAL) is intact with a sane fail log.
/// </summary>
[Trait("Category", "Fault")]
public sealed class HostCrashFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory data = new("syncconsole-crash-data");
    private readonly TempDirectory watched = new("syncconsole-crash-src");
    private RsyncDaemonFixture daemon = null!;
    private HostProcess? host;

    public async Task InitializeAsync() => daemon = await RsyncDaemonFixture.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (host is not null) await host.DisposeAsync();
        await daemon.DisposeAsync();
        SqliteConnection.ClearAllPools();
        data.Dispose();
        watched.Dispose();
    }

    [Fact]
    public async Task Host_KilledWithSigkillMidBurstThenRestarted_TreesIdenticalAndDatabaseIntact()
    {
        host = await HostProcess.StartAsync(data.Path);
        int jobId;
        using (var api = host.CreateApiClient())
        {
            var remote = await api.PostAsJsonAsync("/api/remotes", new RemoteRequest
            {
                Name = "crash-remote", Host = "127.0.0.1", ModuleOrPath = daemon.ModuleName, User = daemon.User, Password = daemon.Password, Port = daemon.Port, TimeoutSeconds = 20,
            });
            Assert.Equal(HttpStatusCode.Created, remote.StatusCode);
            var remoteId = (await remote.Content.ReadFromJsonAsync<RemoteResponse>())!.Id;
            var job = await api.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "crash job", WatchPath = watched.Path, RemoteIds = [remoteId] });
            Assert.Equal(HttpStatusCode.Created, job.StatusCode);
            jobId = (await job.Content.ReadFromJsonAsync<JobResponse>())!.Id;
            await WaitForStateAsync(api, jobId, "watching");
        }

        // 2 000 files in 20 folders; the host dies a quarter of the way in, the writer does not notice.
        var written = 0;
        var killed = false;
        for (var i = 0; i < 2_000; i++)
        {
            var folder = Path.Combine(watched.Path, $"dir{i % 20:00}");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, $"file{i:0000}.txt"), $"content {i} " + new string('z', i % 500));
            written++;
            if (i == 600)
            {
                // Mid-burst for real: deliveries have started, more changes are queued.
                await Eventually.TrueAsync(() => Arrived() >= 100, "the first deliveries", 60);
                await host.KillAsync();
                killed = true;
                output.WriteLine($"killed the host after {written} files; {Arrived()} had arrived");
            }
        }
        Assert.True(killed);
        // Changes the dead host never saw: deletes and a folder rename must reconcile too.
        for (var i = 0; i < 2_000; i += 7) File.Delete(Path.Combine(watched.Path, $"dir{i % 20:00}", $"file{i:0000}.txt"));
        Directory.Move(Path.Combine(watched.Path, "dir03"), Path.Combine(watched.Path, "dir03-renamed"));

        await host.DisposeAsync();
        host = await HostProcess.StartAsync(data.Path);

        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(watched.Path, daemon.ModulePath), "remote identical after the restart's reconcile", 90);
        TreeAssert.Identical(watched.Path, daemon.ModulePath);
        using (var api = host.CreateApiClient())
            Assert.NotEqual("error", (await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/status")).GetProperty("state").GetString());

        // A second crash right away, then the checks on the file the next start would open.
        await host.KillAsync();
        AssertDatabaseIntact(data.Path);
    }

    private int Arrived() => Directory.EnumerateFiles(daemon.ModulePath, "*", SearchOption.AllDirectories).Count();

    internal static void AssertDatabaseIntact(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, SyncConsoleDatabase.FileName)};Pooling=False");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        Assert.Null(Scalar(connection, "PRAGMA foreign_key_check"));
        // One open fail-log entry per job and remote at most (failures merge into it), none pointing at nothing.
        Assert.Null(Scalar(connection, $"""
            SELECT JobId || '/' || RemoteId FROM FailLogEntries WHERE State IN ({(int)FailLogState.Pending}, {(int)FailLogState.Retrying})
            GROUP BY JobId, RemoteId HAVING COUNT(*) > 1
            """));
        Assert.Null(Scalar(connection, """
            SELECT Id FROM FailLogEntries f WHERE NOT EXISTS (SELECT 1 FROM SyncJobs j WHERE j.Id = f.JobId)
               OR NOT EXISTS (SELECT 1 FROM Remotes r WHERE r.Id = f.RemoteId)
               OR (f.ResolvedByRunId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM SyncRuns s WHERE s.Id = f.ResolvedByRunId))
            """));
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private static async Task WaitForStateAsync(HttpClient api, int jobId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = (await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/status")).GetProperty("state").GetString();
            if (last == state) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"job {jobId} never reached '{state}' (last '{last}')");
    }
}
