using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SyncConsole.TestSupport;
using static SyncConsole.Web.Tests.Import.ImportTestClient;

namespace SyncConsole.Web.Tests.Import;

/// <summary>
/// Issue #13 through the confxml import: a second sersync file naming the same daemon module used to reuse the remote
/// and its start-up full sync wiped the first job's files. Now the report refuses it, naming the first job; with a
/// destination folder it is imported and delivers there, and the first job keeps every file. Real daemon, -artuz.
/// </summary>
public sealed class ImportDestinationTests(ImportFactory factory) : IClassFixture<ImportFactory>, IAsyncLifetime
{
    private readonly TempDirectory first = new("syncconsole-import-a");
    private readonly TempDirectory second = new("syncconsole-import-b");
    private readonly HttpClient client = factory.CreateApiClient();
    private RsyncDaemonFixture daemon = null!;

    public async Task InitializeAsync() => daemon = await RsyncDaemonFixture.StartNewAsync();

    public async Task DisposeAsync()
    {
        await DeleteAllJobsAsync(client);
        await daemon.DisposeAsync();
        client.Dispose();
        first.Dispose();
        second.Dispose();
    }

    private TestConfxml For(string watch, string passwordFile) => new()
    {
        Watch = watch, Remotes = [("127.0.0.1", daemon.ModuleName)], Auth = true, Users = daemon.User, PasswordFile = passwordFile,
        Port = daemon.Port, TimeoutSeconds = 20,
    };

    [Fact]
    public async Task SecondFileOnTheSameModule_IsRefusedNamingTheFirstJob_WithADestination_ImportsThere_AndTheFirstKeepsEveryFile()
    {
        var passwordFile = ImportFactory.WritePasswordFile(factory.AllowedPasswordFiles.Path, "rsyncd-dest.secret", daemon.Password);
        for (var i = 0; i < 34; i++) File.WriteAllText(Path.Combine(first.Path, $"entry{i}.txt"), $"first {i}");
        var imported = await UploadAsync(client, For(first.Path, passwordFile).ToBytes(), "?name=first-site");
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(first.Path, daemon.ModulePath), "first job's start-up full sync", 30);

        File.WriteAllText(Path.Combine(second.Path, "other.txt"), "second");
        var file = For(second.Path, passwordFile).ToBytes();
        var refused = await UploadAsync(client, file, "?name=second-site");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("job 'first-site'", detail);
        Assert.Contains("uses the root, which contains every folder", detail);
        // A dry run says the same, and a folder inside the first job's tree (its root) does not help.
        Assert.Contains("job 'first-site'", (await (await UploadAsync(client, file, "?name=second-site&dryRun=true&destination=sub")).Content.ReadAsStringAsync()));
        Assert.Equal(1, (await CountRowsAsync(factory.Services)).Jobs);
        TreeAssert.Identical(first.Path, daemon.ModulePath);
    }

    [Fact]
    public async Task WithDestinationFolders_BothFilesImport_AndEachDeliversIntoItsOwn_WithoutTouchingTheOther()
    {
        var passwordFile = ImportFactory.WritePasswordFile(factory.AllowedPasswordFiles.Path, "rsyncd-dest2.secret", daemon.Password);
        for (var i = 0; i < 34; i++) File.WriteAllText(Path.Combine(first.Path, $"entry{i}.txt"), $"first {i}");
        var one = await UploadAsync(client, For(first.Path, passwordFile).ToBytes(), "?name=site-one&destination=one/");
        Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        Assert.Equal("one", Assert.Single((await ReadImportAsync(one)).Report.Summary!.Remotes).Destination);
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(first.Path, Path.Combine(daemon.ModulePath, "one")), "first job into one/", 30);

        File.WriteAllText(Path.Combine(second.Path, "other.txt"), "second");
        var file = For(second.Path, passwordFile).ToBytes();
        // Inside one/ overlaps; beside it does not.
        var nested = await UploadAsync(client, file, "?name=site-two&destination=one/two");
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.Contains("job 'site-one'", await nested.Content.ReadAsStringAsync());
        var two = await UploadAsync(client, file, "?name=site-two&destination=two");
        Assert.True(two.StatusCode == HttpStatusCode.Created, await two.Content.ReadAsStringAsync());
        var body = await ReadImportAsync(two);
        Assert.NotNull(Assert.Single(body.Report.Summary!.Remotes).ExistingId);
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(second.Path, Path.Combine(daemon.ModulePath, "two")), "second job into two/", 30);

        TreeAssert.Identical(first.Path, Path.Combine(daemon.ModulePath, "one"));
        await using var db = await Db(factory.Services);
        Assert.Equal(["one", "two"], await db.JobRemotes.OrderBy(l => l.Destination).Select(l => l.Destination).ToListAsync());
    }

    [Fact]
    public async Task BadDestination_IsAReportError_AndNothingIsWritten()
    {
        var response = await UploadAsync(client, For(first.Path, "/etc/none.secret").ToBytes(), "?name=bad-dest&destination=../up");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("destination: The destination folder must be normalised", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await CountRowsAsync(factory.Services)).Jobs);
    }
}
