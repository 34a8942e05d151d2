using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Legacy;
using SyncConsole.Engine.Plugins;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Security;
using static SyncConsole.Web.Tests.Import.ImportTestClient;

namespace SyncConsole.Web.Tests.Import;

/// <summary>POST /api/import/confxml on the real host and a real SQLite file.</summary>
public sealed class ConfxmlImportEndpointTests(ImportFactory factory) : IClassFixture<ImportFactory>, IAsyncLifetime
{
    private readonly TempDirectory watched = new("syncconsole-importwatch");
    private readonly HttpClient client = factory.CreateApiClient();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await DeleteAllJobsAsync(client);
        client.Dispose();
        watched.Dispose();
    }

    // Each test gets its own modules: the class shares one host, and equal remotes are reused across imports.
    private readonly string module = Guid.NewGuid().ToString("N")[..8];

    private TestConfxml Full(string password = "s3cret-from-file") => new()
    {
        Watch = watched.Path + "/",
        Remotes = [("127.0.0.2", "www" + module), ("127.0.0.3", "mirror" + module)],
        Auth = true,
        Users = "syncuser",
        PasswordFile = ImportFactory.WritePasswordFile(factory.AllowedPasswordFiles.Path, $"rsync-{Guid.NewGuid():N}.pas", password),
        Port = 1,
        TimeoutSeconds = 30,
        LiveExcludes = [@"(.*)\.svn", @"(.*)\.gz"],
        CrontabMinutes = 120,
        CrontabExcludes = ["*.php", "info/*"],
        CommandPlugin = true,
        Debug = true,
        RetryMinutes = 15,
    };

    [Fact]
    public async Task DryRun_ValidFile_ReturnsTheReportAndWritesNothing()
    {
        var before = await CountRowsAsync(factory.Services);

        var response = await UploadAsync(client, Full().ToBytes(), "?dryRun=true&name=dry-run-job");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadImportAsync(response);
        Assert.True(body.DryRun);
        Assert.Null(body.JobId);
        Assert.True(body.Report.CanImport);
        Assert.Equal(0, body.Report.Counts.Error);
        Assert.Contains(body.Report.Items, i => i.Line == 2 && i.Severity == ImportSeverity.Ignored);
        var summary = body.Report.Summary!;
        Assert.Equal("dry-run-job", summary.Job.Name);
        Assert.Equal([$"127.0.0.2::www{module}", $"127.0.0.3::mirror{module}"], summary.Remotes.Select(r => r.Name));
        Assert.All(summary.Remotes, r => Assert.True(r.HasPassword));
        Assert.Equal([@"(.*)\.svn", @"(.*)\.gz"], summary.LiveExcludeRegexes);
        Assert.Equal(["*.php", "info/*"], summary.FullSyncExcludes);
        Assert.Equal(["Command"], summary.Plugins);
        Assert.Equal((120, 15), (summary.FullSyncIntervalMinutes, summary.RetryIntervalMinutes));
        Assert.Equal(before, await CountRowsAsync(factory.Services));
        Assert.DoesNotContain("s3cret-from-file", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Import_ValidFile_CreatesExactlyTheMappedRows()
    {
        var before = await CountRowsAsync(factory.Services);

        var response = await UploadAsync(client, Full("pw-for-rows").ToBytes(), "?name=mapped-rows");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadImportAsync(response);
        Assert.False(body.DryRun);
        Assert.Equal($"/api/jobs/{body.JobId}", response.Headers.Location!.OriginalString);
        Assert.Contains(body.Warnings, w => w.Contains("initial full sync", StringComparison.Ordinal));
        Assert.DoesNotContain("pw-for-rows", await response.Content.ReadAsStringAsync());

        var after = await CountRowsAsync(factory.Services);
        Assert.Equal((before.Jobs + 1, before.Remotes + 2, before.Links + 2, before.Filters + 4, before.Plugins + 1), after);

        await using var db = await Db(factory.Services);
        var job = await db.Jobs.AsSplitQuery().Include(j => j.FilterRules).Include(j => j.Plugins).Include(j => j.JobRemotes).ThenInclude(jr => jr.Remote)
            .SingleAsync(j => j.Id == body.JobId);
        Assert.Equal(("mapped-rows", watched.Path, true, "-artuz", true), (job.Name, job.WatchPath, job.Enabled, job.RsyncParams, job.DeleteEnabled));
        Assert.Equal(SyncEventMask.SersyncDefault, job.Events);
        // filter excludes switch sersync's -r off; the crontab stays because crontabfilter has its own excludes.
        Assert.Equal((120, (int?)15, true, false), (job.FullSyncIntervalMinutes, job.RetryIntervalMinutes, job.Debug, job.InitialFullSync));
        Assert.Equal([@"(.*)\.svn", @"(.*)\.gz"], job.FilterRules.Where(f => f.Kind == FilterRuleKind.LiveRegex).OrderBy(f => f.Order).Select(f => f.Expression));
        Assert.Equal(["*.php", "info/*"], job.FilterRules.Where(f => f.Kind == FilterRuleKind.FullSyncPattern).OrderBy(f => f.Order).Select(f => f.Expression));

        var plugin = Assert.Single(job.Plugins);
        Assert.Equal((PluginKind.Command, true), (plugin.Kind, plugin.Enabled));
        var command = JsonSerializer.Deserialize<CommandPluginSettings>(plugin.SettingsJson, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(("/bin/true", "--quiet", true), (command.Prefix, command.Suffix, command.IgnoreError));

        var protector = factory.Services.GetRequiredService<SecretProtector>();
        var remotes = job.JobRemotes.Select(jr => jr.Remote!).OrderBy(r => r.Id).ToList();
        Assert.Equal([$"127.0.0.2::www{module}", $"127.0.0.3::mirror{module}"], remotes.Select(r => r.Name));
        Assert.All(remotes, r =>
        {
            Assert.Equal(("syncuser", (int?)1, (int?)30), (r.User, r.Port, r.TimeoutSeconds));
            Assert.NotNull(r.ProtectedPassword);
            Assert.DoesNotContain("pw-for-rows", r.ProtectedPassword);
            Assert.Equal("pw-for-rows", protector.Unprotect(r.ProtectedPassword!));
        });
    }

    [Fact]
    public async Task Import_NameTaken_Is400NamingIt_AndNameOverrideReusesTheRemotes()
    {
        var file = Full().ToBytes();
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(client, file, "?name=taken-name&destination=first")).StatusCode);
        var before = await CountRowsAsync(factory.Services);

        var again = await UploadAsync(client, file, "?name=taken-name");

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("a job named \"taken-name\" already exists", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await CountRowsAsync(factory.Services));

        // The same modules again: its own folder in each, or the two jobs would delete each other's files.
        var renamed = await UploadAsync(client, file, "?name=taken-name-2&destination=second");
        Assert.Equal(HttpStatusCode.Created, renamed.StatusCode);
        var body = await ReadImportAsync(renamed);
        Assert.All(body.Report.Summary!.Remotes, r => Assert.NotNull(r.ExistingId));
        Assert.DoesNotContain(body.Warnings, w => w.Contains("differs", StringComparison.Ordinal));
        var after = await CountRowsAsync(factory.Services);
        Assert.Equal((before.Jobs + 1, before.Remotes, before.Links + 2), (after.Jobs, after.Remotes, after.Links));
    }

    [Fact]
    public async Task Import_ReusedRemoteWithAnotherPassword_KeepsTheStoredOneAndWarns()
    {
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(client, Full("first-pw").ToBytes(), "?name=reuse-first&destination=first")).StatusCode);

        var response = await UploadAsync(client, Full("second-pw").ToBytes(), "?name=reuse-second&destination=second");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadImportAsync(response);
        Assert.Contains(body.Warnings, w => w.Contains("differs from the one stored", StringComparison.Ordinal));
        Assert.DoesNotContain("second-pw", await response.Content.ReadAsStringAsync());
        await using var db = await Db(factory.Services);
        var protector = factory.Services.GetRequiredService<SecretProtector>();
        var stored = await db.JobRemotes.Where(jr => jr.JobId == body.JobId).Select(jr => jr.Remote!.ProtectedPassword!).ToListAsync();
        Assert.All(stored, p => Assert.Equal("first-pw", protector.Unprotect(p)));
    }

    [Fact]
    public async Task Import_Malformed_Is400WithLineNumberedReason_AndWritesNothing()
    {
        var before = await CountRowsAsync(factory.Services);
        var broken = Full().ToXml().Replace("</inotify>", "</inotfy>", StringComparison.Ordinal);

        var response = await UploadAsync(client, Encoding.UTF8.GetBytes(broken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches(@"^line \d+: Error: not well-formed XML", problem.GetProperty("detail").GetString());
        var error = problem.GetProperty("errors")[0];
        Assert.True(error.GetProperty("line").GetInt32() > 1);
        Assert.Equal(before, await CountRowsAsync(factory.Services));
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE head [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><head><debug start="&xxe;"/></head>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><head>&lol3;</head>""")]
    public async Task Import_HostileDtd_Is400_AndWritesNothing(string xml)
    {
        var before = await CountRowsAsync(factory.Services);

        var response = await UploadAsync(client, Encoding.UTF8.GetBytes(xml));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("DOCTYPE", text);
        Assert.DoesNotContain("root:", text);
        Assert.Equal(before, await CountRowsAsync(factory.Services));
    }

    [Fact]
    public async Task Import_DatabaseFailsAfterTheFirstInserts_RollsBackEverything()
    {
        var before = await CountRowsAsync(factory.Services);
        // A real failure inside the transaction: the remotes and the job are inserted, then the link insert aborts.
        await using (var db = await Db(factory.Services))
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER fail_import BEFORE INSERT ON JobRemotes BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");
        try
        {
            var response = await UploadAsync(client, Full().ToBytes(), "?name=rolled-back");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("injected fault", problem.GetProperty("detail").GetString());
            Assert.Contains("nothing was imported", problem.GetProperty("detail").GetString());
            Assert.Equal(before, await CountRowsAsync(factory.Services));
        }
        finally
        {
            await using var db = await Db(factory.Services);
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER fail_import;");
        }
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(client, Full().ToBytes(), "?name=rolled-back")).StatusCode);
    }

    [Fact]
    public async Task Import_TooLarge_Is413WithAClearMessage()
    {
        var before = await CountRowsAsync(factory.Services);
        var padding = new string(' ', 1_100_000);
        var big = Encoding.UTF8.GetBytes(Full().ToXml().Replace("<head version=\"2.5\">", "<head version=\"2.5\">" + padding, StringComparison.Ordinal));

        var response = await UploadAsync(client, big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("1 MiB", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await CountRowsAsync(factory.Services));
    }

    [Fact]
    public async Task Import_NoFileOrNotMultipart_Is400NamingTheField()
    {
        var json = await client.PostAsJsonAsync("/api/import/confxml", new { file = "x" });
        var wrongField = await client.PostAsync("/api/import/confxml", new MultipartFormDataContent { { new ByteArrayContent([1]), "upload", "c.xml" } });

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongField.StatusCode);
        var detail = (await wrongField.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("\"file\"", detail);
    }

    [Fact]
    public async Task Import_WithoutCredentials_Is401()
    {
        using var anonymous = factory.CreateAnonymousClient();
        var response = await UploadAsync(anonymous, Full().ToBytes(), "?dryRun=true");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Import_ValueTheApiRefuses_Is400AndWritesNothing()
    {
        var before = await CountRowsAsync(factory.Services);
        // sersync would pass this on; the API's rsync option rules refuse a remote shell smuggled into the params.
        var xml = Full().ToXml().Replace("params=\"-artuz\"", "params=\"-artuz --rsh=/tmp/evil\"", StringComparison.Ordinal);

        var response = await UploadAsync(client, Encoding.UTF8.GetBytes(xml), "?name=refused");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Matches(@"line \d+: Error: job ""refused"": rsyncParams: ", detail);
        Assert.Equal(before, await CountRowsAsync(factory.Services));
    }
}
