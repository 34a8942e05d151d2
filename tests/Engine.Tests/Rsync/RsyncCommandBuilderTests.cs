using System.Text;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Tests.Rsync;

public class RsyncCommandBuilderTests
{
    private static readonly JobDefinition Job = new() { Id = 1, Name = "web", WatchPath = "/srv/www" };

    private static readonly RemoteDefinition Daemon = new()
    {
        Id = 2, Name = "mirror", Host = "10.0.0.5", ModuleOrPath = "www", User = "sync", Password = "s3cret!",
        Port = 8873, TimeoutSeconds = 100,
    };

    private static string[] FilesFrom(RsyncInvocation inv) =>
        Encoding.UTF8.GetString(inv.FilesFrom!).Split('\0')[..^1];

    private static string[] Rules(RsyncInvocation inv) =>
        inv.FilterRules is null ? [] : Encoding.UTF8.GetString(inv.FilterRules).Split('\0')[..^1];

    [Fact]
    public void BuildBatch_DaemonWithDeletes_ProducesExpectedArgv()
    {
        var inv = RsyncCommandBuilder.BuildBatch(Job, Daemon with { BandwidthLimitKbps = 500 }, [new ChangedPath("a/b.txt", false)]);

        Assert.Equal(
            ["-artuz", "--stats", "--no-h", "-r", "--relative", "--from0", "--files-from=-", "--ignore-times",
             "--delete-missing-args", "--force", "--delete",
             "--port=8873", "--sockopts=TCP_NODELAY", "--contimeout=100", "--timeout=100", "--bwlimit=500",
             ".", "sync@10.0.0.5::www"],
            inv.Arguments);
        Assert.Equal("/srv/www", inv.WorkingDirectory);
        Assert.True(inv.NeedsPasswordFile);
        Assert.DoesNotContain(inv.Arguments, a => a.Contains("s3cret"));
        Assert.DoesNotContain("s3cret", inv.DisplayString);
        Assert.DoesNotContain("s3cret", inv.ToString());
    }

    [Fact]
    public void BuildBatch_PathsSeenDuringACoveringRun_CompareContentInsteadOfForcingATransfer()
    {
        var plain = RsyncCommandBuilder.BuildBatch(Job, Daemon, [new ChangedPath("a/b.txt", false), new ChangedPath("c", false)]);
        Assert.Contains("--ignore-times", plain.Options);
        Assert.DoesNotContain("--checksum", plain.Options);

        var echo = RsyncCommandBuilder.BuildBatch(Job, Daemon,
            [new ChangedPath("a/b.txt", false) { SeenDuringRun = true }, new ChangedPath("c", false), new ChangedPath("a/b.txt", false)]);
        Assert.Contains("--checksum", echo.Options);
        Assert.DoesNotContain("--ignore-times", echo.Options);
        // Reducing duplicates keeps the mark.
        Assert.Contains(echo.Paths, p => p is { RelativePath: "a/b.txt", SeenDuringRun: true });
    }

    [Fact]
    public void BuildBatch_DeleteOff_IgnoresMissingArgsAndNeverDeletes()
    {
        var inv = RsyncCommandBuilder.BuildBatch(Job with { DeleteEnabled = false }, Daemon, [new ChangedPath("x", false)]);
        Assert.Contains("--ignore-missing-args", inv.Options);
        Assert.DoesNotContain(inv.Options, o => o.StartsWith("--del", StringComparison.Ordinal) || o == "--force");
    }

    [Fact]
    public void BuildBatch_OddNames_AreNulSeparatedWithLeadingSlash()
    {
        string[] names = ["#hash", ";semi", "with space/x y", "new\nline", "ünï/日本", "-dash"];
        var inv = RsyncCommandBuilder.BuildBatch(Job, Daemon, names.Select(n => new ChangedPath(n, false)).ToList());
        Assert.Equal(names.Order(StringComparer.Ordinal).Select(n => "/" + n), FilesFrom(inv));
        // The names never reach argv: a name like "-dash" cannot become an option.
        Assert.DoesNotContain(inv.Arguments, a => a.Contains("dash") || a.Contains("#hash"));
    }

    [Fact]
    public void BuildBatch_RootEntry_IsWrittenAsDot()
    {
        var inv = RsyncCommandBuilder.BuildBatch(Job, Daemon, [new ChangedPath("", true), new ChangedPath("a/b", false)]);
        Assert.Equal(["/."], FilesFrom(inv)); // the recursive root covers a/b
        Assert.Null(inv.FilterRules);
    }

    [Fact]
    public void BuildBatch_NonRecursiveDirectories_ExcludeTheirChildrenButKeepListedOnes()
    {
        var inv = RsyncCommandBuilder.BuildBatch(Job, Daemon,
        [
            new ChangedPath("top", false),
            new ChangedPath("a", false),
            new ChangedPath("a/x/new", true),
            new ChangedPath("a/file", false),
            new ChangedPath("b/c", true),
        ]);
        Assert.Equal(["/a", "/a/file", "/a/x/new", "/b/c", "/top"], FilesFrom(inv));
        // The builder does not look at the disk: "a/file" may be a folder, and excluding a file's children is harmless.
        Assert.Equal(["+ /a/file", "+ /a/x", "+ /a/x/new", "- /a/*", "- /a/file/*", "- /a/x/*", "- /top/*"], Rules(inv));
    }

    [Fact]
    public void BuildBatch_NonRecursiveRoot_ExcludesTopLevelExceptEntries()
    {
        var inv = RsyncCommandBuilder.BuildBatch(Job, Daemon, [new ChangedPath("", false), new ChangedPath("f", false)]);
        Assert.Equal(["/.", "/f"], FilesFrom(inv));
        Assert.Equal(["+ /f", "- /*", "- /f/*"], Rules(inv));
    }

    [Fact]
    public void BuildBatch_ExcludedPaths_ComeFirstAnchoredSortedAndEscaped()
    {
        var inv = RsyncCommandBuilder.BuildBatch(Job, Daemon,
            [new ChangedPath("a", false), new ChangedPath("a/x/new", true), new ChangedPath("site", true)],
            excludedPaths: ["site/z.log", "a/x/new/.swp", "site/we*rd[1]", "site/back\\slash", "site/new\nline", "site/z.log"]);

        Assert.Equal(
            ["- /a/x/new/.swp", "- /site/back\\slash", "- /site/new\nline", @"- /site/we\*rd\[1]", "- /site/z.log",
             "+ /a/x", "+ /a/x/new", "- /a/*", "- /a/x/*"],
            Rules(inv));
    }

    [Fact]
    public void BuildBatch_NoExcludedPaths_NoRules()
    {
        var inv = RsyncCommandBuilder.BuildBatch(Job, Daemon, [new ChangedPath("site", true)], excludedPaths: []);
        Assert.Null(inv.FilterRules);
    }

    [Fact]
    public void BuildBatch_WildcardsInNames_AreEscapedOnlyInWildcardPatterns()
    {
        var inv = RsyncCommandBuilder.BuildBatch(Job, Daemon, [new ChangedPath("we*rd[1]", false), new ChangedPath("plain\\x", false)]);
        Assert.Contains(@"- /we\*rd\[1]/*", Rules(inv));
        Assert.Contains(@"- /plain\\x/*", Rules(inv));
    }

    [Fact]
    public void BuildBatch_Ssh_BuildsRshFromSettingsOnly()
    {
        var remote = new RemoteDefinition
        {
            Id = 3, Name = "ssh", Host = "backup.example", Transport = RemoteTransport.Ssh, ModuleOrPath = "/data/www",
            User = "deploy", Port = 2222, SshKeyPath = "/etc/sync console/id_ed25519", Password = "ignored",
        };
        var inv = RsyncCommandBuilder.BuildBatch(Job, remote, [new ChangedPath("a", true)]);
        var e = inv.Options.ToList().IndexOf("-e");
        Assert.Equal("ssh -p 2222 -i \"/etc/sync console/id_ed25519\" -o IdentitiesOnly=yes -o BatchMode=yes", inv.Options[e + 1]);
        Assert.Equal("deploy@backup.example:/data/www", inv.Operands[^1]);
        Assert.DoesNotContain(inv.Options, o => o.StartsWith("--port", StringComparison.Ordinal) || o.StartsWith("--sockopts", StringComparison.Ordinal));
        Assert.False(inv.NeedsPasswordFile);
    }

    [Fact]
    public void SshCommand_KnownHostsPath_StrictCheckingAgainstThatFileOnly()
    {
        var remote = new RemoteDefinition
        {
            Id = 3, Name = "ssh", Host = "backup.example", Transport = RemoteTransport.Ssh, ModuleOrPath = "/data/www",
            KnownHostsPath = "/etc/sync console/known_hosts",
        };
        // Single quotes for rsync's splitter, double quotes for ssh's option parser (a space would split the value).
        Assert.Equal("ssh -o BatchMode=yes -o 'UserKnownHostsFile=\"/etc/sync console/known_hosts\"' -o StrictHostKeyChecking=yes",
            RsyncCommandBuilder.SshCommand(remote));
        Assert.DoesNotContain("StrictHostKeyChecking=no", RsyncCommandBuilder.SshCommand(remote with { KnownHostsPath = null }));
    }

    [Theory]
    [InlineData("relative/known_hosts")]
    [InlineData("/etc/it's/known_hosts")]
    [InlineData("/etc/\"x\"/known_hosts")]
    [InlineData("/etc/x\n/known_hosts")]
    [InlineData("/etc/%d/known_hosts")]
    public void BuildBatch_UnsafeKnownHostsPath_Rejected(string path)
    {
        var remote = new RemoteDefinition
        {
            Id = 3, Name = "ssh", Host = "backup.example", Transport = RemoteTransport.Ssh, ModuleOrPath = "/data/www", KnownHostsPath = path,
        };
        var e = Assert.Throws<RsyncConfigurationException>(() => RsyncCommandBuilder.BuildBatch(Job, remote, [new ChangedPath("a", true)]));
        Assert.Contains(e.Problems, p => p.Contains("known hosts path", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildBatch_UserParamsWithQuotes_AreSplitWithoutShell()
    {
        var inv = RsyncCommandBuilder.BuildBatch(Job with { RsyncParams = "-av --exclude='*.tmp' --chmod=\"D755,F644\"" },
            Daemon with { ExtraArgs = "--backup-dir=/var/old\\ files" }, [new ChangedPath("f", false)]);
        Assert.Equal(["-av", "--exclude=*.tmp", "--chmod=D755,F644", "--backup-dir=/var/old files", "--stats"], inv.Options.Take(5));
    }

    [Theory]
    [InlineData("-artuz -e 'sh -c x'", "-e (--rsh)")]
    [InlineData("--rsh=evil", "--rsh")]
    [InlineData("--files-from=/etc/passwd", "--files-from")]
    [InlineData("--delete-after", "--delete-after")]
    [InlineData("--del", "--del")]
    [InlineData("-aR", "-R (--relative)")]
    [InlineData("--rsync-path='rm -rf /'", "--rsync-path")]
    [InlineData("--remove-source-files", "--remove-source-files")]
    [InlineData("--write-batch=x", "--write-batch")]
    [InlineData("--port=1", "--port")]
    [InlineData("--password-file=/x", "--password-file")]
    [InlineData("--delete-excluded", "--delete-excluded")]
    [InlineData("-avn", "-n (--dry-run)")]
    public void BuildBatch_ForbiddenUserOption_ThrowsNamingIt(string rsyncParams, string named)
    {
        var e = Assert.Throws<RsyncConfigurationException>(() =>
            RsyncCommandBuilder.BuildBatch(Job with { RsyncParams = rsyncParams }, Daemon, [new ChangedPath("f", false)]));
        Assert.Contains(named, e.Message);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("/abs")]
    [InlineData("a/")]
    [InlineData("a/./b")]
    public void BuildBatch_UncleanPath_Throws(string path)
    {
        Assert.Throws<ArgumentException>(() => RsyncCommandBuilder.BuildBatch(Job, Daemon, [new ChangedPath(path, false)]));
    }

    [Fact]
    public void BuildFilteredDelete_IncludesParentsNameAndSubtree_ThenExcludesAll()
    {
        var inv = RsyncCommandBuilder.BuildFilteredDelete(Job, Daemon, ["a/b/gone", "a/b/x*y", "top"]);
        Assert.Equal(
            ["+ /a", "+ /a/b", "+ /a/b/gone", "+ /a/b/gone/***", @"+ /a/b/x\*y", @"+ /a/b/x\*y/***", "+ /top", "+ /top/***", "- *"],
            Rules(inv));
        Assert.Contains("--delete", inv.Options);
        Assert.Contains("--from0", inv.Options);
        Assert.Equal(["./", "sync@10.0.0.5::www"], inv.Operands);
    }

    [Fact]
    public void BuildFullSyncAndVerify_ExcludedPaths_BecomeAnchoredNulSeparatedRules_WithFrom0()
    {
        var job = new JobDefinition { Id = 1, Name = "j", WatchPath = "/srv/www" };
        foreach (var run in new[] { RsyncCommandBuilder.BuildFullSync(job, Daemon, excludedPaths: ["skip.tmp", "cache"]),
                     RsyncCommandBuilder.BuildVerify(job, Daemon, excludedPaths: ["skip.tmp", "cache"]) })
        {
            Assert.Contains("--from0", run.Options);
            Assert.Equal("- /cache\0- /skip.tmp\0", System.Text.Encoding.UTF8.GetString(run.FilterRules!));
        }
        var plain = RsyncCommandBuilder.BuildFullSync(job, Daemon);
        Assert.Null(plain.FilterRules);
        Assert.DoesNotContain("--from0", plain.Options);
    }

    [Fact]
    public void BuildFullSync_AddsExcludesAndDeleteOnlyWhenEnabled()
    {
        var job = Job with { FullSyncExcludes = ["*.php", "info/*"] };
        var on = RsyncCommandBuilder.BuildFullSync(job, Daemon);
        var off = RsyncCommandBuilder.BuildFullSync(job with { DeleteEnabled = false }, Daemon);
        Assert.Contains("--delete", on.Options);
        Assert.DoesNotContain("--delete", off.Options);
        Assert.Equal(["--exclude=*.php", "--exclude=info/*"], on.Options.Where(o => o.StartsWith("--exclude", StringComparison.Ordinal)));
        Assert.Equal(["./", "sync@10.0.0.5::www"], on.Operands);
        Assert.Null(on.FilesFrom);
    }

    [Fact]
    public void DisplayString_QuotesArgumentsWithSpaces()
    {
        var inv = RsyncCommandBuilder.BuildFullSync(Job with { FullSyncExcludes = ["my dir"] }, Daemon);
        Assert.Contains("'--exclude=my dir'", inv.DisplayString);
        Assert.StartsWith("rsync -artuz ", inv.DisplayString);
    }
}
