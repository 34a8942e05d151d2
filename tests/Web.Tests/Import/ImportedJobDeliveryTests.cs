using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncConsole.TestSupport;
using static SyncConsole.Web.Tests.Import.ImportTestClient;

namespace SyncConsole.Web.Tests.Import;

/// <summary>An imported confxml.xml is runnable: the host starts the job and a real rsync daemon receives the file.</summary>
public sealed class ImportedJobDeliveryTests(ImportFactory factory) : IClassFixture<ImportFactory>, IAsyncLifetime
{
    private readonly TempDirectory watched = new("syncconsole-importrun");
    private readonly HttpClient client = factory.CreateApiClient();
    private RsyncDaemonFixture daemon = null!;

    public async Task InitializeAsync() => daemon = await RsyncDaemonFixture.StartNewAsync();

    public async Task DisposeAsync()
    {
        await DeleteAllJobsAsync(client);
        await daemon.DisposeAsync();
        client.Dispose();
        watched.Dispose();
    }

    [Fact]
    public async Task ImportedJob_FileWritten_IsDeliveredToTheDaemon()
    {
        var passwordFile = ImportFactory.WritePasswordFile(factory.AllowedPasswordFiles.Path, "rsyncd-client.secret", daemon.Password);
        var confxml = new TestConfxml
        {
            Watch = watched.Path, Remotes = [("127.0.0.1", daemon.ModuleName)], Auth = true, Users = daemon.User, PasswordFile = passwordFile,
            Port = daemon.Port, TimeoutSeconds = 20,
        };

        var response = await UploadAsync(client, confxml.ToBytes(), "?name=imported-delivery");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var jobId = (await ReadImportAsync(response)).JobId!.Value;
        await Eventually.TrueAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/status").Result.GetProperty("state").GetString() == "watching", "imported job watching");
        File.WriteAllText(Path.Combine(watched.Path, "from-sersync.txt"), "migrated");
        await Eventually.TrueAsync(() =>
        {
            var target = Path.Combine(daemon.ModulePath, "from-sersync.txt");
            try { return File.Exists(target) && File.ReadAllText(target) == "migrated"; }
            catch (IOException) { return false; }
        }, "file delivered by the imported job");
    }
}
