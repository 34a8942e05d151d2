using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncConsole.TestSupport;

namespace SyncConsole.Web.Tests.Api;

/// <summary>POST /api/remotes/test: "Test connection" on an unsaved remote form, against a real rsync daemon.</summary>
public sealed class RemoteTestEndpointTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private RsyncDaemonFixture daemon = null!;

    public async Task InitializeAsync() => daemon = await RsyncDaemonFixture.StartNewAsync();
    public async Task DisposeAsync() => await daemon.DisposeAsync();

    private object Form(string password) => new
    {
        name = "unsaved", host = "127.0.0.1", transport = "daemon", moduleOrPath = daemon.ModuleName,
        user = daemon.User, password, port = daemon.Port, timeoutSeconds = 20,
    };

    [Fact]
    public async Task Test_UnsavedGoodForm_IsOkAndStoresNothing()
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostAsJsonAsync("/api/remotes/test", Form(daemon.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal("ok", json.RootElement.GetProperty("outcome").GetString());
        Assert.DoesNotContain(daemon.Password, body);
        Assert.DoesNotContain("unsaved", await client.GetStringAsync("/api/remotes"));
    }

    [Fact]
    public async Task Test_WrongPassword_SaysAuthenticationFailedWithoutEchoingIt()
    {
        using var client = factory.CreateApiClient();
        const string wrong = "definitely-wrong-secret";

        var response = await client.PostAsJsonAsync("/api/remotes/test", Form(wrong));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("authFailed", json.RootElement.GetProperty("outcome").GetString());
        Assert.DoesNotContain(wrong, body);
    }

    [Fact]
    public async Task Test_InvalidForm_Returns400NamingTheField()
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostAsJsonAsync("/api/remotes/test", new { name = "x", transport = "daemon", moduleOrPath = "m" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("host", out _));
    }
}
