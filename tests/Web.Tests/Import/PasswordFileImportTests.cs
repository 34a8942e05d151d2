using System.Net;
using Microsoft.EntityFrameworkCore;
using SyncConsole.TestSupport;
using SyncConsole.Web.Cli;
using static SyncConsole.Web.Tests.Import.ImportTestClient;

namespace SyncConsole.Web.Tests.Import;

/// <summary>
/// An uploaded confxml.xml names a password file: over REST only allowed, rsync-looking files are read; anything else
/// becomes a remote that needs a password. The CLI (an administrator on the host) reads any readable file.
/// </summary>
public sealed class PasswordFileImportTests(ImportFactory factory) : IClassFixture<ImportFactory>, IAsyncLifetime
{
    private readonly TempDirectory watched = new("syncconsole-pwwatch");
    private readonly TempDirectory outside = new("syncconsole-pwoutside");
    private readonly HttpClient client = factory.CreateApiClient();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await DeleteAllJobsAsync(client);
        client.Dispose();
        watched.Dispose();
        outside.Dispose();
    }

    private TestConfxml WithPasswordFile(string path, string module) => new()
    {
        Watch = watched.Path, Remotes = [("127.0.0.4", module)], Auth = true, Users = "syncuser", PasswordFile = path, Port = 1,
    };

    private async Task<string?> StoredPasswordAsync(int jobId)
    {
        await using var db = await Db(factory.Services);
        var remote = await db.JobRemotes.Where(jr => jr.JobId == jobId).Select(jr => jr.Remote!).SingleAsync();
        return remote.ProtectedPassword;
    }

    [Fact]
    public async Task RestImport_ShadowLikeFileOutsideTheAllowList_IsNotRead_RemoteNeedsAPassword()
    {
        var shadow = ImportFactory.WritePasswordFile(outside.Path, "shadow", "root:$6$secret-hash:19000");

        var response = await UploadAsync(client, WithPasswordFile(shadow, "shadowtest").ToBytes(), "?name=rest-shadow");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-hash", text);
        var body = await ReadImportAsync(response);
        Assert.Contains(body.Warnings, w => w.Contains(shadow, StringComparison.Ordinal) && w.Contains("was not read", StringComparison.Ordinal));
        var remote = Assert.Single(body.Report.Summary!.Remotes);
        Assert.True(remote.NeedsPassword);
        Assert.False(remote.HasPassword);
        Assert.Null(await StoredPasswordAsync(body.JobId!.Value));
    }

    [Fact]
    public async Task RestImport_RsyncFileInTheAllowedFolder_IsStoredProtected()
    {
        var file = ImportFactory.WritePasswordFile(factory.AllowedPasswordFiles.Path, "rsync.pas", "allowed-pw");

        var response = await UploadAsync(client, WithPasswordFile(file, "allowedtest").ToBytes(), "?name=rest-allowed");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadImportAsync(response);
        Assert.True(Assert.Single(body.Report.Summary!.Remotes).HasPassword);
        var stored = await StoredPasswordAsync(body.JobId!.Value);
        Assert.NotNull(stored);
        Assert.NotEqual("allowed-pw", stored);
    }

    [Fact]
    public async Task CliImport_FileOutsideTheAllowList_IsRead()
    {
        var file = ImportFactory.WritePasswordFile(outside.Path, "anything-at-all", "cli-pw");
        var confxml = Path.Combine(outside.Path, "confxml.xml");
        await File.WriteAllBytesAsync(confxml, WithPasswordFile(file, "clitest").ToBytes());
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(CommandLine.Parse(["import", confxml, "--name", "cli-any-file"])!, factory.Services, output, new StringWriter());

        Assert.Equal(CommandLine.Success, exit);
        Assert.Contains($"the rsync password was read from \"{file}\"", output.ToString());
        await using var db = await Db(factory.Services);
        var job = await db.Jobs.SingleAsync(j => j.Name == "cli-any-file");
        Assert.NotNull(await StoredPasswordAsync(job.Id));
    }
}
