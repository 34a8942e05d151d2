using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Engine.Jobs;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Api;

public sealed class RemoteEndpointsTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IDisposable
{
    private const string Secret = "s3cret-Pa55word";
    private readonly HttpClient client = factory.CreateApiClient();

    public void Dispose() => client.Dispose();

    [Fact]
    public async Task Create_WithPassword_AnswersHasSecretAndNeverThePassword()
    {
        var response = await client.PostAsJsonAsync("/api/remotes", Remote("secret-remote") with { Password = Secret });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, body);
        Assert.DoesNotContain("\"password\"", body);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("hasSecret").GetBoolean());
        var id = json.RootElement.GetProperty("id").GetInt32();
        Assert.DoesNotContain(Secret, await client.GetStringAsync($"/api/remotes/{id}"));
        Assert.DoesNotContain(Secret, await client.GetStringAsync("/api/remotes"));
    }

    [Fact]
    public async Task Create_WithPassword_DatabaseColumnIsNotPlaintextButEngineGetsItBack()
    {
        using var watched = new TempDirectory("syncconsole-watch");
        var remote = await CreateAsync(Remote("engine-remote") with { Password = Secret, Transport = "daemon", Port = 8730, User = "sync" });
        var job = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "engine job", WatchPath = watched.Path, RemoteIds = [remote.Id] });
        Assert.Equal(HttpStatusCode.Created, job.StatusCode);

        var stored = await ReadProtectedPasswordAsync(remote.Id);
        Assert.NotNull(stored);
        Assert.DoesNotContain(Secret, stored);
        var definitions = await factory.Services.GetRequiredService<JobDefinitionSource>().LoadRunnableAsync(CancellationToken.None);
        var target = definitions.Single(d => d.Name == "engine job").Remotes.Single();
        Assert.Equal((Secret, RemoteTransport.Daemon, 8730, "sync", "backup"), (target.Password, target.Transport, target.Port, target.User, target.ModuleOrPath));
    }

    [Fact]
    public async Task Update_PasswordOmitted_KeepsItAndEmptyRemovesIt()
    {
        var remote = await CreateAsync(Remote("keep-secret") with { Password = Secret });

        var kept = await client.PutAsJsonAsync($"/api/remotes/{remote.Id}", Remote("keep-secret") with { Host = "127.0.0.2" });
        Assert.True((await kept.Content.ReadFromJsonAsync<RemoteResponse>())!.HasSecret);
        var protectedBefore = await ReadProtectedPasswordAsync(remote.Id);

        var cleared = await client.PutAsJsonAsync($"/api/remotes/{remote.Id}", Remote("keep-secret") with { Password = "" });
        Assert.False((await cleared.Content.ReadFromJsonAsync<RemoteResponse>())!.HasSecret);
        Assert.NotNull(protectedBefore);
        Assert.Null(await ReadProtectedPasswordAsync(remote.Id));
    }

    [Fact]
    public async Task Crud_Remote_RoundTripsAndDeleteDetachesJobs()
    {
        using var watched = new TempDirectory("syncconsole-watch");
        var remote = await CreateAsync(Remote("crud-remote") with
        {
            Transport = "ssh", ModuleOrPath = "/srv/backup", Port = 2222, TimeoutSeconds = 30, SshKeyPath = "/root/.ssh/id_ed25519",
            ExtraArgs = "--chmod=F644", BandwidthLimitKbps = 512,
        });
        Assert.Equal(("ssh", "/srv/backup", 2222, 30, "/root/.ssh/id_ed25519", "--chmod=F644", 512, false),
            (remote.Transport, remote.ModuleOrPath, remote.Port, remote.TimeoutSeconds, remote.SshKeyPath, remote.ExtraArgs, remote.BandwidthLimitKbps, remote.HasSecret));
        var job = (await (await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "uses crud-remote", WatchPath = watched.Path, RemoteIds = [remote.Id] }))
            .Content.ReadFromJsonAsync<JobResponse>())!;
        Assert.Equal([job.Id], (await client.GetFromJsonAsync<RemoteResponse>($"/api/remotes/{remote.Id}"))!.JobIds);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/remotes/{remote.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/remotes/{remote.Id}")).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JobResponse>($"/api/jobs/{job.Id}"))!.RemoteIds);
    }

    [Theory]
    [InlineData("""{"host":"h","moduleOrPath":"m"}""", "name")]
    [InlineData("""{"name":"r1","host":"","moduleOrPath":"m"}""", "host")]
    [InlineData("""{"name":"r2","host":"bad host","moduleOrPath":"m"}""", "host")]
    [InlineData("""{"name":"r3","host":"-oProxyCommand=x","moduleOrPath":"m"}""", "host")]
    [InlineData("""{"name":"r4","host":"h","moduleOrPath":""}""", "moduleOrPath")]
    [InlineData("""{"name":"r5","host":"h","moduleOrPath":"m","port":0}""", "port")]
    [InlineData("""{"name":"r6","host":"h","moduleOrPath":"m","port":65536}""", "port")]
    [InlineData("""{"name":"r7","host":"h","moduleOrPath":"m","transport":"ftp"}""", "transport")]
    [InlineData("""{"name":"r8","host":"h","moduleOrPath":"m","user":"a b"}""", "user")]
    public async Task Create_InvalidField_Returns400NamingItAndSavesNothing(string json, string field)
    {
        var before = (await client.GetFromJsonAsync<List<RemoteResponse>>("/api/remotes"))!.Count;

        var response = await client.PostAsync("/api/remotes", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        Assert.Equal(before, (await client.GetFromJsonAsync<List<RemoteResponse>>("/api/remotes"))!.Count);
    }

    [Fact]
    public async Task Create_DuplicateName_Returns400OnName()
    {
        await CreateAsync(Remote("twin"));

        var response = await client.PostAsJsonAsync("/api/remotes", Remote("TWIN"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already exists", await response.Content.ReadAsStringAsync());
    }

    private static RemoteRequest Remote(string name) => new() { Name = name, Host = "127.0.0.1", ModuleOrPath = "backup" };

    private async Task<RemoteResponse> CreateAsync(RemoteRequest request)
    {
        var response = await client.PostAsJsonAsync("/api/remotes", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RemoteResponse>())!;
    }

    private async Task<string?> ReadProtectedPasswordAsync(int remoteId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "syncconsole.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ProtectedPassword FROM Remotes WHERE Id = $id";
        command.Parameters.AddWithValue("$id", remoteId);
        return await command.ExecuteScalarAsync() as string;
    }
}
