using System.Net;
using System.Text.Json;

namespace SyncConsole.Web.Tests.Api;

public sealed class HealthEndpointsTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task Healthz_Anonymous_Returns200WithLivenessAndDatabaseOnly()
    {
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["database", "status"], body.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("alive", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("ready", body.RootElement.GetProperty("database").GetString());
    }

    [Fact]
    public async Task Startup_FreshDataDirectory_CreatesDatabaseAndDataProtectionKeys()
    {
        using var client = factory.CreateAnonymousClient();
        await client.GetAsync("/healthz");

        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "syncconsole.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(factory.DataDirectory, "keys"), "key-*.xml"));
    }
}
