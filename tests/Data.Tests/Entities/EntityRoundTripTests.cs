using Microsoft.EntityFrameworkCore;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Coalescing;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Data.Tests.Entities;

/// <summary>Every entity written through one context and read back through a fresh one from the same database, on each provider (below).</summary>
public abstract class EntityRoundTripTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 10, 30, 15, TimeSpan.FromHours(2));

    public Task InitializeAsync() => database.InitializeAsync();
    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task SyncJob_AllColumns_RoundTrip()
    {
        var job = new SyncJob
        {
            Name = "Photos", WatchPath = "/srv/photos", Enabled = false,
            Events = SyncEventMask.CloseWrite | SyncEventMask.Delete | SyncEventMask.Attrib,
            RsyncParams = "-az --inplace", DeleteEnabled = false, IgnoreTempFiles = false, InitialFullSync = true,
            FullSyncIntervalMinutes = 90, FullSyncCron = "0 0 3 * * ?", CoalescingDelayMs = 250, MaxBatchPaths = 77,
            RetryIntervalMinutes = 5, ReconcileAfterTrouble = false, Debug = true, PluginOnly = true,
            CreatedAt = At, UpdatedAt = At.AddMinutes(1),
        };
        job.FilterRules.Add(new FilterRule { Kind = FilterRuleKind.LiveRegex, Expression = @".*\.tmp", Order = 0 });
        job.FilterRules.Add(new FilterRule { Kind = FilterRuleKind.FullSyncPattern, Expression = "cache/*", Order = 1 });
        job.Plugins.Add(new PluginConfig { Kind = PluginKind.Http, Enabled = false, SettingsJson = """{"url":"http://127.0.0.1:9/hook"}""" });
        await SaveAsync(job);

        await using var db = await database.Factory.CreateDbContextAsync();
        var back = await db.Jobs.Include(j => j.FilterRules).Include(j => j.Plugins).SingleAsync();
        Assert.Equal(Scalars(job), Scalars(back));
        Assert.Equal(At, back.CreatedAt);
        Assert.Equal([(FilterRuleKind.LiveRegex, @".*\.tmp", 0), (FilterRuleKind.FullSyncPattern, "cache/*", 1)],
            back.FilterRules.OrderBy(f => f.Order).Select(f => (f.Kind, f.Expression, f.Order)));
        var plugin = Assert.Single(back.Plugins);
        Assert.Equal((PluginKind.Http, false, """{"url":"http://127.0.0.1:9/hook"}"""), (plugin.Kind, plugin.Enabled, plugin.SettingsJson));
    }

    [Fact]
    public async Task Names_DifferingOnlyInCase_AreOneName()
    {
        // SQLite's NOCASE and PostgreSQL's case-insensitive ICU collation: found either way, and unique either way.
        await SaveAsync(new SyncJob { Name = "Photos", WatchPath = "/srv/photos" });
        await using (var db = await database.Factory.CreateDbContextAsync())
            Assert.Equal("Photos", (await db.Jobs.SingleAsync(j => j.Name == "PHOTOS")).Name);
        await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(new SyncJob { Name = "photos", WatchPath = "/srv/other" }));
    }

    [Fact]
    public async Task SyncJob_Defaults_MatchSersync()
    {
        await SaveAsync(new SyncJob { Name = "defaults", WatchPath = "/srv/d" });
        await using var db = await database.Factory.CreateDbContextAsync();
        var back = await db.Jobs.SingleAsync();
        Assert.Equal(("-artuz", 20, true, true, SyncEventMask.SersyncDefault), (back.RsyncParams, back.CoalescingDelayMs, back.ReconcileAfterTrouble, back.DeleteEnabled, back.Events));
        Assert.Null(back.RetryIntervalMinutes);
    }

    [Fact]
    public async Task Remote_SharedByTwoJobs_RoundTrips()
    {
        var remote = new Remote
        {
            Name = "nas", Host = "nas.local", Transport = RemoteTransport.Ssh, ModuleOrPath = "/backup/photos", User = "sync",
            ProtectedPassword = "CfDJ8-protected", Port = 2222, TimeoutSeconds = 60, SshKeyPath = "/root/.ssh/id_ed25519", KnownHostsPath = "/etc/syncconsole/known_hosts",
            ExtraArgs = "--chmod=F644", BandwidthLimitKbps = 1024, CreatedAt = At, UpdatedAt = At,
        };
        var a = new SyncJob { Name = "a", WatchPath = "/srv/a", JobRemotes = [new JobRemote { Remote = remote }] };
        var b = new SyncJob { Name = "b", WatchPath = "/srv/b", JobRemotes = [new JobRemote { Remote = remote }] };
        await SaveAsync(a, b);

        await using var db = await database.Factory.CreateDbContextAsync();
        var back = await db.Remotes.Include(r => r.JobRemotes).ThenInclude(jr => jr.Job).SingleAsync();
        Assert.Equal(["a", "b"], back.JobRemotes.Select(jr => jr.Job!.Name).Order());
        Assert.Equal(
            (remote.Name, remote.Host, remote.Transport, remote.ModuleOrPath, remote.User, remote.ProtectedPassword, remote.Port, remote.TimeoutSeconds, remote.SshKeyPath, remote.KnownHostsPath, remote.ExtraArgs, remote.BandwidthLimitKbps),
            (back.Name, back.Host, back.Transport, back.ModuleOrPath, back.User, back.ProtectedPassword, back.Port, back.TimeoutSeconds, back.SshKeyPath, back.KnownHostsPath, back.ExtraArgs, back.BandwidthLimitKbps));
    }

    [Fact]
    public async Task FailLogEntry_PathsAndState_RoundTrip()
    {
        var (job, remote) = await database.AddJobWithRemoteAsync();
        var entry = new FailLogEntry
        {
            JobId = job.Id, RemoteId = remote.Id,
            Paths = [new ChangedPath("a/b.txt", false), new ChangedPath("new dir", true), new ChangedPath("", true)],
            FullSync = true, ExitCode = 10, ExitMeaning = "Error in socket I/O", StderrTail = "rsync: failed to connect",
            Attempts = 3, FirstFailureAt = At, LastFailureAt = At.AddMinutes(3), NextAttemptAt = At.AddHours(1),
            State = FailLogState.Retrying, ResolvedByRunId = 42,
        };
        await SaveAsync(entry);

        await using var db = await database.Factory.CreateDbContextAsync();
        var back = await db.FailLog.SingleAsync();
        Assert.Equal(entry.Paths, back.Paths);
        Assert.Equal((true, 10, "Error in socket I/O", "rsync: failed to connect", 3, At, At.AddMinutes(3), (DateTimeOffset?)At.AddHours(1), FailLogState.Retrying, (long?)42),
            (back.FullSync, back.ExitCode, back.ExitMeaning, back.StderrTail, back.Attempts, back.FirstFailureAt, back.LastFailureAt, back.NextAttemptAt, back.State, back.ResolvedByRunId));
        var json = await db.Database.SqlQueryRaw<string>("""SELECT "PathsJson" AS "Value" FROM "FailLogEntries" """).SingleAsync();
        Assert.Contains("\"relativePath\":\"a/b.txt\"", json);
        Assert.Contains("\"recursive\":true", json);
    }

    [Fact]
    public async Task SyncRun_AllColumns_RoundTrip()
    {
        var (job, remote) = await database.AddJobWithRemoteAsync();
        var run = new SyncRun
        {
            JobId = job.Id, RemoteId = remote.Id, Kind = RunKind.Verify, StartedAt = At, PathCount = 12, Bytes = 5_000_000_000,
            FilesTransferred = 9, DurationMs = 1234.5, ExitCode = 23, ExitMeaning = "Partial transfer", CommandLine = "rsync -artuz ...",
            StderrTail = "some files vanished",
        };
        await SaveAsync(run);

        await using var db = await database.Factory.CreateDbContextAsync();
        var back = await db.SyncRuns.SingleAsync();
        Assert.Equal((RunKind.Verify, At, 12, 5_000_000_000L, 9, 1234.5, 23, "Partial transfer", "rsync -artuz ...", "some files vanished"),
            (back.Kind, back.StartedAt, back.PathCount, back.Bytes, back.FilesTransferred, back.DurationMs, back.ExitCode, back.ExitMeaning, back.CommandLine, back.StderrTail));
    }

    [Fact]
    public async Task AdminUserAndSetting_RoundTrip()
    {
        await SaveAsync(
            new AdminUser { UserName = "admin", PasswordHash = "AQAAAA-hash", FailedLoginCount = 2, LockedUntil = At, LastLoginAt = At, PasswordChangedAt = At },
            new AppSetting { Key = AppSettingKeys.ProtectedApiKey, Value = "CfDJ8-key", UpdatedAt = At });

        await using var db = await database.Factory.CreateDbContextAsync();
        var user = await db.AdminUsers.SingleAsync(u => u.UserName == "ADMIN");
        Assert.Equal(("AQAAAA-hash", 2, (DateTimeOffset?)At), (user.PasswordHash, user.FailedLoginCount, user.LockedUntil));
        Assert.Equal("CfDJ8-key", (await db.Settings.SingleAsync(s => s.Key == AppSettingKeys.ProtectedApiKey)).Value);
    }

    [Fact]
    public async Task SyncJob_DuplicateNameDifferingInCase_IsRejected()
    {
        await SaveAsync(new SyncJob { Name = "Photos", WatchPath = "/a" });
        await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(new SyncJob { Name = "photos", WatchPath = "/b" }));
    }

    [Fact]
    public async Task SyncJob_Deleted_CascadesToItsRowsButKeepsSharedRemote()
    {
        var (job, remote) = await database.AddJobWithRemoteAsync();
        await SaveAsync(new SyncRun { JobId = job.Id, RemoteId = remote.Id, StartedAt = At, CommandLine = "rsync" },
            new FailLogEntry { JobId = job.Id, RemoteId = remote.Id, Paths = [new ChangedPath("x", false)] },
            new FilterRule { JobId = job.Id, Expression = "x" });

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Jobs.Remove(await db.Jobs.SingleAsync());
            await db.SaveChangesAsync();
        }
        await using var check = await database.Factory.CreateDbContextAsync();
        Assert.Equal((0, 0, 0, 0, 1), (await check.SyncRuns.CountAsync(), await check.FailLog.CountAsync(), await check.FilterRules.CountAsync(), await check.JobRemotes.CountAsync(), await check.Remotes.CountAsync()));
    }

    private static object Scalars(SyncJob j) => new
    {
        j.Name, j.WatchPath, j.Enabled, j.Events, j.RsyncParams, j.DeleteEnabled, j.IgnoreTempFiles, j.InitialFullSync,
        j.FullSyncIntervalMinutes, j.FullSyncCron, j.CoalescingDelayMs, j.MaxBatchPaths, j.RetryIntervalMinutes,
        j.ReconcileAfterTrouble, j.Debug, j.PluginOnly, j.CreatedAt, j.UpdatedAt,
    };

    private async Task SaveAsync(params object[] entities)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteEntityRoundTripTests() : EntityRoundTripTests(new TestDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PostgresEntityRoundTripTests(PostgresServerFixture postgres) : EntityRoundTripTests(new TestDatabase(postgres));
