using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SyncConsole.Web.Tests.Api;

/// <summary>Destroys its host's database, so it has a factory of its own.</summary>
public sealed class HealthUnavailableTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task Healthz_DatabaseGone_Returns503WithoutDetails()
    {
        using var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(factory.DataDirectory, "syncconsole.db*")) File.Delete(file);
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unavailable", body.RootElement.GetProperty("database").GetString());
        Assert.Equal(2, body.RootElement.EnumerateObject().Count());
    }
}
