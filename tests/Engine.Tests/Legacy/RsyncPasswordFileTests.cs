using System.Diagnostics;
using SyncConsole.Engine.Legacy;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Legacy;

public class RsyncPasswordFileTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static string Write(TempDirectory dir, string content, UnixFileMode mode = OwnerOnly)
    {
        var path = dir.Combine("rsync.pas");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Theory]
    [InlineData("secret\n", "secret")]
    [InlineData("secret\r\n", "secret")]
    [InlineData("secret", "secret")]
    [InlineData("with space\nsecond\n", "with space")]
    public void TryRead_OwnerOnlyFile_ReturnsTheFirstLine(string content, string expected)
    {
        using var dir = new TempDirectory();

        Assert.Equal((expected, null), RsyncPasswordFile.TryRead(Write(dir, content)));
    }

    [Fact]
    public void TryRead_OtherReadableFile_IsRefusedLikeRsync()
    {
        using var dir = new TempDirectory();

        var (password, problem) = RsyncPasswordFile.TryRead(Write(dir, "secret\n", OwnerOnly | UnixFileMode.OtherRead));

        Assert.Null(password);
        Assert.Contains("accessible by others", problem);
    }

    [Theory]
    [InlineData("/nonexistent/rsync.pas", "does not exist")]
    [InlineData("/dev/zero", "not a regular file")]
    public void TryRead_MissingFileOrDevice_GivesNoPasswordAndAReason(string path, string reason)
    {
        var (password, problem) = RsyncPasswordFile.TryRead(path);

        Assert.Null(password);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public async Task TryRead_Fifo_ReturnsWithoutBlocking()
    {
        using var dir = new TempDirectory();
        var fifo = dir.Combine("pipe");
        var mkfifo = new ProcessStartInfo("mkfifo") { ArgumentList = { fifo } };
        using (var process = Process.Start(mkfifo)!) await process.WaitForExitAsync();

        var read = Task.Run(() => RsyncPasswordFile.TryRead(fifo));

        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Null((await read).Password);
    }

    [Fact]
    public void TryRead_HugeFile_IsNotReadIntoMemory()
    {
        using var dir = new TempDirectory();

        var (password, problem) = RsyncPasswordFile.TryRead(Write(dir, new string('x', RsyncPasswordFile.MaxBytes + 1)));

        Assert.Null(password);
        Assert.Contains("over", problem);
    }

    [Fact]
    public void TryRead_EmptyFirstLine_GivesNoPassword()
    {
        using var dir = new TempDirectory();

        Assert.Null(RsyncPasswordFile.TryRead(Write(dir, "\nsecond\n")).Password);
    }
}
