using Microsoft.EntityFrameworkCore;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.Tests;

/// <summary>The destination folder of a job–remote link: stored, mapped to the engine, and "the root" for links made before it existed.</summary>
public abstract class JobRemoteDestinationTests(Func<TestDatabase> newDatabase)
{
    [Fact]
    public void Mapper_CarriesTheFolderOfEachLink()
    {
        var remote = new Remote { Id = 3, Name = "shared", Host = "h", ModuleOrPath = "www" };
        var job = new SyncJob
        {
            Id = 1, Name = "site", WatchPath = "/srv/site",
            JobRemotes = [new JobRemote { RemoteId = 3, Remote = remote, Destination = "sites/site" }],
        };
        Assert.Equal("sites/site", Assert.Single(JobDefinitionMapper.ToDefinition(job, p => p).Remotes).Destination);
    }

    [Fact]
    public async Task Destination_RoundTrips_AndDefaultsToTheRoot()
    {
        var database = newDatabase();
        await database.InitializeAsync();
        try
        {
            var (job, remote) = await database.AddJobWithRemoteAsync("dest");
            await using (var db = await database.Factory.CreateDbContextAsync())
            {
                Assert.Equal("", (await db.JobRemotes.SingleAsync()).Destination);
                var other = new SyncJob { Name = "dest-2", WatchPath = "/srv/dest-2" };
                other.JobRemotes.Add(new JobRemote { RemoteId = remote.Id, Destination = "b/c" });
                db.Jobs.Add(other);
                await db.SaveChangesAsync();
            }
            await using (var db = await database.Factory.CreateDbContextAsync())
                Assert.Equal(["", "b/c"], await db.JobRemotes.OrderBy(l => l.JobId).Select(l => l.Destination).ToListAsync());
            Assert.NotEqual(0, job.Id);
        }
        finally { await database.DisposeAsync(); }
    }
}

public sealed class SqliteJobRemoteDestinationTests() : JobRemoteDestinationTests(() => new TestDatabase())
{
    // SQLite only: PostgreSQL's history starts after the column existed.
    [Fact]
    public async Task ALinkWrittenWithoutAFolder_AsBeforeTheMigration_IsAtTheModuleRoot()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        try
        {
            var (job, remote) = await database.AddJobWithRemoteAsync("legacy");
            await using var db = await database.Factory.CreateDbContextAsync();
            var second = new SyncJob { Name = "legacy-2", WatchPath = "/srv/legacy-2" };
            db.Jobs.Add(second);
            await db.SaveChangesAsync();
            // The columns an older schema knew: the new one takes its default, as the migration gives existing rows.
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "JobRemotes" ("JobId", "RemoteId") VALUES ({second.Id}, {remote.Id})""");
            Assert.Equal(["", ""], await db.JobRemotes.AsNoTracking().OrderBy(l => l.JobId).Select(l => l.Destination).ToListAsync());
            Assert.NotEqual(job.Id, second.Id);
        }
        finally { await database.DisposeAsync(); }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresJobRemoteDestinationTests(PostgresServerFixture postgres) : JobRemoteDestinationTests(() => new TestDatabase(postgres));
