using SyncConsole.TestSupport;
using SyncConsole.Web.Import;

namespace SyncConsole.Web.Tests.Import;

/// <summary>The REST import's password-file rule on real files, folders and symlinks.</summary>
public sealed class PasswordFilePolicyTests : IDisposable
{
    private readonly TempDirectory allowed = new("syncconsole-pwallowed");
    private readonly TempDirectory outside = new("syncconsole-pwoutside");

    public void Dispose()
    {
        allowed.Dispose();
        outside.Dispose();
    }

    private (string? Password, string? Problem) Read(string path) => PasswordFilePolicy.TryRead(path, [allowed.Path]);

    [Theory]
    [InlineData("rsync.pas")]
    [InlineData("rsyncd.secrets")]
    [InlineData("backup.passwd")]
    [InlineData("web.password")]
    [InlineData("RSYNC_client")]
    public void TryRead_RsyncNamedFileInsideAllowedFolder_ReadsTheFirstLine(string name)
    {
        var path = ImportFactory.WritePasswordFile(allowed.Path, name, "first-line");
        Assert.Equal(("first-line", (string?)null), Read(path));
    }

    [Fact]
    public void TryRead_ShadowLikeFileOutsideTheAllowList_IsNotRead()
    {
        var shadow = ImportFactory.WritePasswordFile(outside.Path, "shadow", "root:$6$hash:19000:0:99999:7:::");
        var outsidePas = ImportFactory.WritePasswordFile(outside.Path, "rsync.pas", "elsewhere");

        var (password, problem) = Read(shadow);
        var (password2, problem2) = Read(outsidePas);

        Assert.Null(password);
        Assert.Contains("named like an rsync password file", problem);
        Assert.Null(password2);
        Assert.Contains("PasswordFileDirectories", problem2);
    }

    [Fact]
    public void TryRead_WrongNameInsideAllowedFolder_IsNotRead()
    {
        var path = ImportFactory.WritePasswordFile(allowed.Path, "notes.txt", "not a password");
        Assert.Null(Read(path).Password);
    }

    [Fact]
    public void TryRead_SymlinkOutOfTheAllowedFolder_IsNotFollowed()
    {
        var target = ImportFactory.WritePasswordFile(outside.Path, "rsync.secret", "escaped");
        var link = Path.Combine(allowed.Path, "rsync.pas");
        File.CreateSymbolicLink(link, target);
        var linkedFolder = Path.Combine(allowed.Path, "rsync-dir");
        Directory.CreateSymbolicLink(linkedFolder, outside.Path);

        Assert.Null(Read(link).Password);
        Assert.Null(Read(Path.Combine(linkedFolder, "rsync.secret")).Password);
        Assert.Null(Read(Path.Combine(allowed.Path, "..", Path.GetFileName(outside.Path), "rsync.secret")).Password);
    }

    [Fact]
    public void TryRead_SymlinkToAShadowLikeFileWithAnRsyncName_IsNotRead()
    {
        var shadow = ImportFactory.WritePasswordFile(allowed.Path, "shadow", "root:hash");
        var link = Path.Combine(allowed.Path, "rsync.pas");
        File.CreateSymbolicLink(link, shadow);

        var (password, problem) = Read(link);

        Assert.Null(password);
        Assert.Contains("link", problem);
    }

    [Fact]
    public void TryRead_SymlinkInsideTheAllowedFolder_IsFollowed()
    {
        var target = ImportFactory.WritePasswordFile(allowed.Path, "real.pas", "inside");
        var link = Path.Combine(allowed.Path, "rsync.pas");
        File.CreateSymbolicLink(link, "real.pas");

        Assert.Equal("inside", Read(link).Password);
        Assert.True(File.Exists(target));
    }

    [Fact]
    public void TryRead_RelativeOrMissing_IsNotRead()
    {
        Assert.Contains("absolute", Read("rsync.pas").Problem);
        Assert.Null(Read(Path.Combine(allowed.Path, "missing.pas")).Password);
    }
}
