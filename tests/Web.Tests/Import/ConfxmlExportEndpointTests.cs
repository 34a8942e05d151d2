using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SyncConsole.TestSupport;
using SyncConsole.Web.Api;
using SyncConsole.Web.Contracts;
using static SyncConsole.Web.Tests.Import.ImportTestClient;

namespace SyncConsole.Web.Tests.Import;

/// <summary>GET /api/jobs/{id}/export, and export → import through the API giving the same job.</summary>
public sealed class ConfxmlExportEndpointTests(ImportFactory factory) : IClassFixture<ImportFactory>, IAsyncLifetime
{
    private readonly TempDirectory watched = new("syncconsole-exportwatch");
    private readonly HttpClient client = factory.CreateApiClient();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await DeleteAllJobsAsync(client);
        client.Dispose();
        watched.Dispose();
    }

    // Each import in its own destination folder: the copies name the same modules as their originals.
    private async Task<int> ImportAsync(byte[] content, string name)
    {
        var response = await UploadAsync(client, content, $"?name={name}&destination={name}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadImportAsync(response)).JobId!.Value;
    }

    [Fact]
    public async Task Export_ThenImport_YieldsTheSameJob()
    {
        var password = ImportFactory.WritePasswordFile(factory.AllowedPasswordFiles.Path, "roundtrip.pas", "never-exported");
        var original = await ImportAsync(new TestConfxml
        {
            Watch = watched.Path, Remotes = [("127.0.0.5", "www"), ("127.0.0.5", "logs")], Auth = true, Users = "syncuser", PasswordFile = password,
            Port = 1, TimeoutSeconds = 45, LiveExcludes = [@"(.*)\.tmp"], CrontabMinutes = 90, CrontabExcludes = ["*.log"],
            CommandPlugin = true, Debug = true, RetryMinutes = 7,
        }.ToBytes(), "roundtrip-original");

        var response = await client.GetAsync($"/api/jobs/{original}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("confxml-roundtrip-original.xml", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.True(int.Parse(response.Headers.GetValues(ImportEndpoints.WarningCountHeader).Single()) >= 1);
        var xml = await response.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("never-exported", Encoding.UTF8.GetString(xml));

        var copy = await ImportAsync(xml, "roundtrip-copy");

        var a = (await client.GetFromJsonAsync<JobResponse>($"/api/jobs/{original}", Json))!;
        var b = (await client.GetFromJsonAsync<JobResponse>($"/api/jobs/{copy}", Json))!;
        Assert.Equal(Comparable(a), Comparable(b));
        Assert.Equal(2, b.RemoteIds.Count);
        // Imports keep sersync's split: their full syncs skip only the crontabfilter patterns.
        Assert.False(a.FullSyncUsesLiveExcludes);
        await using var db = await Db(factory.Services);
        var plugins = db.PluginConfigs.Where(p => p.JobId == original || p.JobId == copy).OrderBy(p => p.JobId).Select(p => new { p.Kind, p.Enabled, p.SettingsJson }).ToList();
        Assert.Equal(2, plugins.Count);
        Assert.Equal(plugins[0], plugins[1]);
    }

    // Everything but identity, timestamps and destination folders (each import has its own); the remotes are reused, so even their ids match.
    private static string Comparable(JobResponse job) =>
        JsonSerializer.Serialize(job with { Id = 0, Name = "", Targets = [], CreatedAt = default, UpdatedAt = default }, Json);

    [Fact]
    public async Task RefreshCdnPlugin_PasswdIsStoredEncrypted_AndExportedOnlyWhenAskedFor()
    {
        var fixture = Path.Combine(SyncConsoleFactory.RepositoryRoot, "tests", "Engine.Tests", "Legacy", "Fixtures", "plugin-refreshcdn.xml");
        var xml = (await File.ReadAllTextAsync(fixture)).Replace("/srv/www", watched.Path, StringComparison.Ordinal).Replace("10.0.0.5", "127.0.0.8", StringComparison.Ordinal);
        var job = await ImportAsync(Encoding.UTF8.GetBytes(xml), "cdn-job");
        await using (var db = await Db(factory.Services))
        {
            var plugin = db.PluginConfigs.Single(p => p.JobId == job);
            Assert.Equal(SyncConsole.Engine.Plugins.PluginKind.RefreshCdn, plugin.Kind);
            Assert.Contains("purge.example.com", plugin.SettingsJson);
            Assert.DoesNotContain("cdn-secret-42", plugin.SettingsJson);
        }

        var plain = await client.GetFromJsonAsync<ConfxmlExportResponse>($"/api/jobs/{job}/export?format=json", Json);
        var withSecret = await client.GetStringAsync($"/api/jobs/{job}/export?includeCdnPassword=true");

        Assert.Contains("passwd=\"\"", plain!.Xml);
        Assert.Contains(plain.Warnings, w => w.Contains("includeCdnPassword", StringComparison.Ordinal));
        Assert.Contains("passwd=\"cdn-secret-42\"", withSecret);
    }

    [Fact]
    public async Task Export_JsonVariant_CarriesTheWarnings_AndUnknownJobIs404()
    {
        var job = await ImportAsync(new TestConfxml { Watch = watched.Path, Remotes = [("127.0.0.6", "www")] }.ToBytes(), "export-json");

        var body = await client.GetFromJsonAsync<ConfxmlExportResponse>($"/api/jobs/{job}/export?format=json", Json);

        Assert.Equal("confxml-export-json.xml", body!.FileName);
        Assert.StartsWith("<?xml", body.Xml);
        Assert.Contains(body.Warnings, w => w.Contains("-r", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/jobs/987654/export")).StatusCode);
    }
}
