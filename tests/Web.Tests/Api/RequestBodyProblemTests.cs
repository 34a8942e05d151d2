using System.Net;
using System.Text;
using System.Text.Json;

namespace SyncConsole.Web.Tests.Api;

/// <summary>An unreadable body is a 400 whose problem names the field and says what is wrong in plain words.</summary>
public sealed class RequestBodyProblemTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IDisposable
{
    private readonly HttpClient client = factory.CreateApiClient();

    public void Dispose() => client.Dispose();

    [Theory]
    [InlineData("/api/remotes", """{"name":"r","host":"127.0.0.1","moduleOrPath":"m","prot":873}""", "prot", "'prot' is not a field of this request")]
    [InlineData("/api/remotes", """{"name":"r","host":"127.0.0.1","moduleOrPath":"m","port":"873a"}""", "port", "'port' has the wrong type: expected a number")]
    [InlineData("/api/jobs", """{"name":"j","watchPath":"/tmp","remoteIds":"1"}""", "remoteIds", "'remoteIds' has the wrong type: expected a list")]
    [InlineData("/api/jobs", """{"name":"j","watchPath":"/tmp","enabled":"yes"}""", "enabled", "'enabled' has the wrong type: expected true or false")]
    [InlineData("/api/jobs/1/plugins", """[{"kind":"ftp","settings":{}}]""", "plugins[0].kind", "'plugins[0].kind' has the wrong type: expected one of command, socket, refreshCdn, http")]
    public async Task Post_UnreadableField_ProblemNamesTheFieldAndTheReason(string url, string json, string field, string expected)
    {
        var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = url.EndsWith("/plugins", StringComparison.Ordinal) ? await client.PutAsync(url, content) : await client.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.StartsWith(expected, message);
        Assert.DoesNotContain("SyncConsole.", message); // no .NET type names
    }

    [Fact]
    public async Task Post_BrokenJson_ProblemSaysWhere()
    {
        var response = await client.PostAsync("/api/jobs", new StringContent("""{"name":"j",""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("The request body is not valid JSON (line 1, byte", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_HugeUnknownFieldName_IsCutInTheAnswer()
    {
        var name = new string('z', 100_000);
        var response = await client.PostAsync("/api/jobs", new StringContent($$"""{"name":"j","watchPath":"/tmp","{{name}}":1}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadAsStringAsync()).Length < 2_000);
    }
}
