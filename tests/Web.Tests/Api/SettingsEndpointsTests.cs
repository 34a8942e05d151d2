using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SyncConsole.Web.Tests.Api;

/// <summary>Changes the admin password of its own host.</summary>
public sealed class SettingsEndpointsTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task ChangePassword_WrongCurrentAndShortNew_Returns400NamingBothFields()
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostAsJsonAsync("/api/settings/password", new { currentPassword = "nope", newPassword = "short" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("currentPassword", out _));
        Assert.True(errors.TryGetProperty("newPassword", out _));
    }

    [Fact]
    public async Task ChangePassword_Valid_NewPasswordLogsInOldDoesNot()
    {
        using var client = factory.CreateApiClient();
        const string newPassword = "a brand new passphrase";

        var response = await client.PostAsJsonAsync("/api/settings/password",
            new { currentPassword = SyncConsoleFactory.AdminPassword, newPassword });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var fresh = factory.CreateAnonymousClient();
        Assert.Contains("error=invalid", (await SyncConsoleFactory.PostLoginAsync(fresh, "admin", SyncConsoleFactory.AdminPassword)).Headers.Location!.OriginalString);
        Assert.Equal("/", (await SyncConsoleFactory.PostLoginAsync(fresh, "admin", newPassword)).Headers.Location!.OriginalString);

        // Put it back so the order of tests in this class does not matter.
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/settings/password",
            new { currentPassword = newPassword, newPassword = SyncConsoleFactory.AdminPassword })).StatusCode);
    }
}
