using System.Text;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Paths;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Rsync;

public class RsyncPrivateFilesTests
{
    private const UnixFileMode Folder0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void PasswordFile_IsWrittenOnceIn0700Folder_FilterFilesAreRewrittenNotShared_DisposeRemovesAll()
    {
        using var root = new TempDirectory("syncconsole-private");
        var files = new RsyncPrivateFiles(root.Path);

        var password = files.PasswordFile("s3cret");
        Assert.Equal(password, files.PasswordFile("s3cret"));
        Assert.Equal("s3cret\n", File.ReadAllText(password));
        Assert.Equal(File0600, File.GetUnixFileMode(password));
        var folder = Assert.Single(Directory.GetDirectories(root.Path));
        Assert.Equal(folder, files.Folder);
        Assert.Equal(Folder0700, File.GetUnixFileMode(folder));

        var filter1 = files.FilterFile(Encoding.UTF8.GetBytes("- a longer rule"));
        var filter2 = files.FilterFile(Encoding.UTF8.GetBytes("- b"));
        Assert.NotEqual(filter1, filter2);
        Assert.Equal(File0600, File.GetUnixFileMode(filter1));
        Assert.Equal("- b", File.ReadAllText(filter2));
        // A released filter file is rewritten by the next run (no new inode per run); one still in use never is.
        files.Release(filter1);
        var filter3 = files.FilterFile(Encoding.UTF8.GetBytes("- c"));
        Assert.Equal(filter1, filter3);
        Assert.Equal("- c", File.ReadAllText(filter3));
        Assert.Equal(File0600, File.GetUnixFileMode(filter3));
        Assert.NotEqual(filter2, files.FilterFile([1]));
        Assert.True(File.Exists(password));

        files.Dispose();
        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.GetDirectories(root.Path));
        Assert.Throws<ObjectDisposedException>(() => files.PasswordFile("s3cret"));
    }

    [Fact]
    public void FolderRemovedUnderneath_IsMadeAgainWith0700AndThePasswordRewritten()
    {
        using var root = new TempDirectory("syncconsole-private");
        using var files = new RsyncPrivateFiles(root.Path);
        var first = files.PasswordFile("pw");
        Directory.Delete(files.Folder!, recursive: true);

        var again = files.PasswordFile("pw");
        Assert.Equal("pw\n", File.ReadAllText(again));
        Assert.Equal(Folder0700, File.GetUnixFileMode(Path.GetDirectoryName(again)!));
        Assert.Equal(File0600, File.GetUnixFileMode(again));

        Directory.Delete(files.Folder!, recursive: true);
        var filter = files.FilterFile([1, 2, 3]);
        Assert.True(File.Exists(filter));
        Assert.Equal(Folder0700, File.GetUnixFileMode(Path.GetDirectoryName(filter)!));
        Assert.NotNull(first);
    }

    [Fact]
    public void NewPassword_GetsANewFile_AndTheOldOneGoes()
    {
        using var root = new TempDirectory("syncconsole-private");
        using var files = new RsyncPrivateFiles(root.Path);
        var old = files.PasswordFile("one");
        var changed = files.PasswordFile("two");
        Assert.NotEqual(old, changed);
        Assert.False(File.Exists(old));
        Assert.Equal("two\n", File.ReadAllText(changed));
    }

    /// <summary>
    /// A worker's (lasting) target: every run reads the same password file from one 0700 folder that outlives the runs,
    /// the password is never in the child's argv or environment, runs one after the other rewrite one filter file, a folder
    /// removed underneath is made again, and disposing the target removes the folder.
    /// </summary>
    [Fact]
    public async Task LastingTarget_RunsShareOnePasswordFile_NoSecretInArgvOrEnv_DisposeRemovesFolder()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        using var src = new TempDirectory();
        using var root = new TempDirectory("syncconsole-private");
        var runner = TestEngine.Rsync(privateRoot: root.Path);
        var seen = new List<(string CommandLine, string Environment)>();
        runner.ProcessStarted = pid =>
        {
            // Read at once: the child exists until it is reaped, and rsync is still authenticating.
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            var environ = File.ReadAllText($"/proc/{pid}/environ").Replace('\0', ' ');
            lock (seen) seen.Add((cmdline, environ));
        };
        using var limiter = new RsyncConcurrencyLimiter();
        var deliverer = TestEngine.Deliverer(new InMemoryDeliveryJournal(), new EngineEventStream(TimeProvider.System), limiter, runner);
        var job = new JobDefinition { Id = 1, Name = "j", WatchPath = src.Path, RsyncParams = "-artuz", DeleteEnabled = true };
        var target = deliverer.TargetFor(job, daemon.Remote(), lasting: true);

        for (var i = 0; i < 3; i++)
        {
            Directory.CreateDirectory(src.Combine("d"));
            await File.WriteAllTextAsync(src.Combine($"d/f{i}.txt"), $"content {i}");
            if (i == 2) Directory.Delete(target.PrivateFiles!.Folder!, recursive: true); // removed underneath
            var outcome = await deliverer.DeliverAsync(target, [new ChangedPath("d", false), new ChangedPath($"d/f{i}.txt", false)], RunKind.Realtime, CancellationToken.None);
            Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Runs.Select(r => r.StderrTail)));
            Assert.Equal($"content {i}", await File.ReadAllTextAsync(Path.Combine(daemon.ModulePath, $"d/f{i}.txt")));
            // Between runs: the folder stays with its password file and one filter file, which each run rewrites.
            var folder = Assert.Single(Directory.GetDirectories(root.Path));
            Assert.Equal(Folder0700, File.GetUnixFileMode(folder));
            var left = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
            Assert.Equal(2, left.Count);
            Assert.StartsWith("filter-", left[0]);
            Assert.StartsWith("password-", left[1]);
            Assert.All(Directory.GetFiles(folder), f => Assert.Equal(File0600, File.GetUnixFileMode(f)));
        }

        Assert.Equal(3, seen.Count);
        foreach (var (commandLine, environment) in seen)
        {
            Assert.Contains("--password-file=" + root.Path, commandLine);
            Assert.Contains("--filter=. " + root.Path, commandLine);
            Assert.DoesNotContain(daemon.Password, commandLine);
            Assert.DoesNotContain(daemon.Password, environment);
        }
        // The first two runs read the very same file; the third, after the folder was removed, a new one.
        var passwordFiles = seen.Select(s => s.CommandLine.Split(' ').Single(a => a.StartsWith("--password-file=", StringComparison.Ordinal))).ToList();
        Assert.Equal(passwordFiles[0], passwordFiles[1]);

        target.Dispose();
        Assert.Empty(Directory.GetDirectories(root.Path));
    }

    [Fact]
    public async Task OneOffTarget_StillRemovesItsPerRunFolder()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        using var src = new TempDirectory();
        using var root = new TempDirectory("syncconsole-private");
        using var limiter = new RsyncConcurrencyLimiter();
        var deliverer = TestEngine.Deliverer(new InMemoryDeliveryJournal(), new EngineEventStream(TimeProvider.System), limiter, TestEngine.Rsync(privateRoot: root.Path));
        var job = new JobDefinition { Id = 1, Name = "j", WatchPath = src.Path, RsyncParams = "-artuz" };
        await File.WriteAllTextAsync(src.Combine("a.txt"), "a");

        var outcome = await deliverer.DeliverAsync(job, daemon.Remote(), [new ChangedPath("a.txt", false)], RunKind.Realtime, CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Empty(Directory.GetDirectories(root.Path));
    }
}
