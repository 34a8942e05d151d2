using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Security;

/// <summary>A host without SYNCCONSOLE_ADMIN_PASSWORD and SYNCCONSOLE_API_KEY, as on a fresh machine.</summary>
public sealed class FirstStartTests(FirstStartFactory factory) : IClassFixture<FirstStartFactory>
{
    private string PasswordFile => Path.Combine(factory.DataDirectory, "initial-admin-password");

    [Fact]
    public async Task FirstStart_NoPasswordGiven_WritesGeneratedPasswordToOwnerOnlyFileThatLogsIn()
    {
        using var anonymous = factory.CreateAnonymousClient();
        await anonymous.GetAsync("/healthz");

        Assert.True(File.Exists(PasswordFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordFile));
        var password = (await File.ReadAllTextAsync(PasswordFile)).Trim();
        Assert.True(password.Length >= 16);
        using var client = await factory.CreateLoggedInClientAsync(password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task FirstStart_NoKeyGiven_GeneratesKeyThatAuthenticatesAndIsStoredProtected()
    {
        using var cookieClient = await factory.CreateLoggedInClientAsync((await ReadPasswordAsync()));
        var key = (await cookieClient.GetFromJsonAsync<ApiKeyResponse>("/api/settings/apikey"))!;

        Assert.False(key.FromEnvironment);
        Assert.Equal(32, key.ApiKey.Length);
        using var apiClient = factory.CreateApiClient(key.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await apiClient.GetAsync("/api/jobs")).StatusCode);
        Assert.DoesNotContain(key.ApiKey, await ReadAllSettingsAsync());
    }

    [Fact]
    public async Task Regenerate_GeneratedKey_OldKeyStopsWorkingNewOneWorks()
    {
        using var cookieClient = await factory.CreateLoggedInClientAsync((await ReadPasswordAsync()));
        var old = (await cookieClient.GetFromJsonAsync<ApiKeyResponse>("/api/settings/apikey"))!.ApiKey;

        var response = await cookieClient.PostAsync("/api/settings/apikey/regenerate", null);

        var fresh = (await response.Content.ReadFromJsonAsync<ApiKeyResponse>())!.ApiKey;
        Assert.NotEqual(old, fresh);
        using var oldClient = factory.CreateApiClient(old);
        using var newClient = factory.CreateApiClient(fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldClient.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newClient.GetAsync("/api/jobs")).StatusCode);
    }

    private async Task<string> ReadPasswordAsync()
    {
        using var anonymous = factory.CreateAnonymousClient();
        await anonymous.GetAsync("/healthz");
        return (await File.ReadAllTextAsync(PasswordFile)).Trim();
    }

    private async Task<string> ReadAllSettingsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "syncconsole.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(Value, '|') FROM AppSettings";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
