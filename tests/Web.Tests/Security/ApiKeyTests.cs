using System.Net;
using System.Net.Http.Json;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Security;

public sealed class ApiKeyTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task ApiJobs_WithKeyFromEnvironment_Returns200()
    {
        using var client = factory.CreateApiClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task ApiJobs_WithWrongKey_Returns401NotRedirect()
    {
        using var client = factory.CreateApiClient(SyncConsoleFactory.ApiKey + "x");

        var response = await client.GetAsync("/api/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Regenerate_KeyFromEnvironment_Returns409AndKeepsKey()
    {
        using var client = factory.CreateApiClient();

        var response = await client.PostAsync("/api/settings/apikey/regenerate", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var key = await client.GetFromJsonAsync<ApiKeyResponse>("/api/settings/apikey");
        Assert.Equal(new ApiKeyResponse(SyncConsoleFactory.ApiKey, true), key);
    }
}
