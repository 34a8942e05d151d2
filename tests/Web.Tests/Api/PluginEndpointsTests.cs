using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Api;

public sealed class PluginEndpointsTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private readonly HttpClient client = factory.CreateApiClient();
    private readonly TempDirectory watched = new("syncconsole-pluginapi");
    private int jobId;

    public async Task InitializeAsync()
    {
        // Disabled: this class tests storage and validation only, so no job runs.
        var response = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "plugin api " + Guid.NewGuid(), WatchPath = watched.Path, Enabled = false });
        jobId = (await response.Content.ReadFromJsonAsync<JobResponse>())!.Id;
    }

    public async Task DisposeAsync()
    {
        await client.DeleteAsync($"/api/jobs/{jobId}");
        client.Dispose();
        watched.Dispose();
    }

    private static object AllFour(string? password) => new object[]
    {
        new { kind = "command", settings = new { prefix = "/usr/bin/logger -t sync", includeRegexes = new[] { @".*\.php" }, filterEnabled = true } },
        new { kind = "socket", settings = new { host = "127.0.0.1", port = 9000 } },
        new { kind = "refreshCdn", enabled = false, settings = new { domainName = "127.0.0.1", port = 8080, userName = "u", password, baseUrl = "http://www.example.com" } },
        new { kind = "http", settings = new { url = "http://127.0.0.1:9999/hook", maxAttempts = 3 } },
    };

    [Fact]
    public async Task Put_AllFourKinds_StoredAndListedWithPasswordWriteOnly()
    {
        var put = await client.PutAsJsonAsync($"/api/jobs/{jobId}/plugins", AllFour("cdn-s3cret"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/plugins");
        Assert.Equal(["command", "socket", "refreshCdn", "http"], listed.EnumerateArray().Select(p => p.GetProperty("kind").GetString()));
        var cdn = listed[2];
        Assert.False(cdn.GetProperty("enabled").GetBoolean());
        Assert.True(cdn.GetProperty("settings").GetProperty("hasPassword").GetBoolean());
        Assert.False(cdn.GetProperty("settings").TryGetProperty("password", out _));
        Assert.DoesNotContain("cdn-s3cret", listed.GetRawText());
        Assert.Equal("/usr/bin/logger -t sync", listed[0].GetProperty("settings").GetProperty("prefix").GetString());
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContextAsync();
        Assert.DoesNotContain(await db.PluginConfigs.Where(p => p.JobId == jobId).Select(p => p.SettingsJson).ToListAsync(), j => j.Contains("cdn-s3cret"));

        // Saving again without the password keeps it.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/jobs/{jobId}/plugins", AllFour(null))).StatusCode);
        var again = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/plugins");
        Assert.True(again[2].GetProperty("settings").GetProperty("hasPassword").GetBoolean());
    }

    [Fact]
    public async Task Put_InvalidSettings_ProblemNamesEachFieldAndChangesNothing()
    {
        await client.PutAsJsonAsync($"/api/jobs/{jobId}/plugins", new object[] { new { kind = "socket", settings = new { host = "127.0.0.1", port = 9000 } } });

        var response = await client.PutAsJsonAsync($"/api/jobs/{jobId}/plugins", new object[]
        {
            new { kind = "command", settings = new { prefix = "  ", includeRegexes = new[] { "(unclosed" } } },
            new { kind = "socket", settings = new { host = "127.0.0.1", port = 0 } },
            new { kind = "refreshCdn", settings = new { domainName = "cdn", baseUrl = "/relative" } },
            new { kind = "http", settings = new { url = "ftp://127.0.0.1/x" } },
            new { kind = "http", settings = new { timeoutSeconds = 5 } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var key in new[] { "plugins[0].settings.prefix", "plugins[0].settings.includeRegexes", "plugins[1].settings.port",
                     "plugins[2].settings.baseUrl", "plugins[3].settings.url", "plugins[4].settings" })
            Assert.True(errors.TryGetProperty(key, out _), $"no error for {key}: {errors}");
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/plugins");
        Assert.Equal("socket", Assert.Single(stored.EnumerateArray()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task GetAndPut_UnknownJob_Return404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/jobs/999999/plugins")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/api/jobs/999999/plugins", Array.Empty<object>())).StatusCode);
    }
}
