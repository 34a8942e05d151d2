using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SyncConsole.Data;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Tests.Hosting;

namespace SyncConsole.Web.Tests.Database;

/// <summary>The test classes that need PostgreSQL share one server per run of this assembly's collection.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL";
}

/// <summary>The real host with <c>SyncConsole:Database:Provider=postgres</c>.</summary>
public sealed class PostgresSyncConsoleFactory(string connectionString) : SyncConsoleFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SyncConsole:Database:Provider", "postgres");
        builder.UseSetting("SyncConsole:Database:ConnectionString", connectionString);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresHostTests(PostgresServerFixture postgres) : IAsyncLifetime
{
    private readonly TempDirectory watched = new("syncconsole-watch");
    private string database = "";

    public async Task InitializeAsync() => database = await postgres.CreateDatabaseAsync("host");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await postgres.DropDatabaseAsync(database);
        watched.Dispose();
    }

    [Fact]
    public async Task Host_OnPostgres_MigratesAtStart_AndAJobCreatedThroughTheApiIsInPostgres()
    {
        await using var factory = new PostgresSyncConsoleFactory(postgres.ConnectionString(database));
        using var client = factory.CreateApiClient();

        var remote = await client.PostAsJsonAsync("/api/remotes", new RemoteRequest { Name = "pg-remote", Host = "127.0.0.1", ModuleOrPath = "backup" });
        Assert.Equal(HttpStatusCode.Created, remote.StatusCode);
        var remoteId = (await remote.Content.ReadFromJsonAsync<RemoteResponse>())!.Id;
        var created = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "Photos", WatchPath = watched.Path, RemoteIds = [remoteId] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Names are one name whatever their case, on PostgreSQL too.
        var duplicate = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "photos", WatchPath = watched.Path + "/other" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        var options = new DbContextOptionsBuilder<SyncConsoleDbContext>();
        SyncConsoleDatabase.Configure(options, DatabaseTarget.Postgres(postgres.ConnectionString(database, pooling: false)));
        await using var db = new SyncConsoleDbContext(options.Options);
        var job = await db.Jobs.Include(j => j.JobRemotes).SingleAsync();
        Assert.Equal(("Photos", watched.Path, remoteId), (job.Name, job.WatchPath, Assert.Single(job.JobRemotes).RemoteId));
        Assert.True(await db.AdminUsers.AnyAsync(), "the admin account is created in PostgreSQL");
        // Nothing went to a SQLite file in the data directory.
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, SyncConsoleDatabase.FileName)));
    }

    [Fact]
    public async Task CheckConfig_OnPostgres_NamesTheServerAndDatabase_NeverThePassword()
    {
        var reachable = await WebProcess.RunAsync("/", Settings(postgres.ConnectionString(database)), "check-config");
        var wrongPassword = await WebProcess.RunAsync("/", Settings(postgres.ConnectionString(database).Replace(postgres.Password, "not-" + postgres.Password)), "check-config");

        Assert.True(reachable.Exit == 0, reachable.Out + reachable.Err);
        Assert.Contains($"database:       PostgreSQL 127.0.0.1:{postgres.Port}/{database} as {PostgresServerFixture.User} (reachable", reachable.Out);
        Assert.Equal(6, wrongPassword.Exit);
        Assert.Contains("password authentication failed", wrongPassword.Err);
        Assert.Contains("SyncConsole:Database:ConnectionString", wrongPassword.Err);
        foreach (var text in new[] { reachable.Out, reachable.Err, wrongPassword.Out, wrongPassword.Err })
            Assert.DoesNotContain(postgres.Password, text);
    }

    [Theory]
    [InlineData("mysql", null, "SyncConsole:Database:Provider must be \"sqlite\" or \"postgres\"")]
    [InlineData("postgres", null, "SyncConsole:Database:ConnectionString is required")]
    [InlineData("postgres", "Hots=db;Password=s3cret-value", "SyncConsole:Database:ConnectionString is not a valid PostgreSQL connection string")]
    public async Task CheckConfig_BadDatabaseSettings_Exit3NamingTheSetting(string provider, string? connectionString, string expected)
    {
        var environment = Settings(connectionString);
        environment["SyncConsole__Database__Provider"] = provider;
        var (exit, output, errors) = await WebProcess.RunAsync("/", environment, "check-config");

        Assert.True(exit == 3, $"exit {exit}: {output}{errors}");
        Assert.Contains(expected, errors);
        Assert.DoesNotContain("s3cret-value", output + errors);
    }

    private Dictionary<string, string?> Settings(string? connectionString) => new()
    {
        ["SyncConsole__DataDirectory"] = watched.Combine("data"),
        ["SyncConsole__Database__Provider"] = "postgres",
        ["SyncConsole__Database__ConnectionString"] = connectionString,
    };
}
