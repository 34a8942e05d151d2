using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Tests.Rsync;

public class RsyncOptionValidatorTests
{
    [Theory]
    [InlineData("-artuz")]
    [InlineData("-avz --exclude='*.tmp' --chmod=D755,F644 --bwlimit=100")]
    [InlineData("-a -B 4096 --partial --delay-updates")]
    [InlineData("")]
    [InlineData("-auz --partial ")]
    [InlineData("-aHAXS --numeric-ids --inplace")]
    [InlineData("-az --compress-level=9 --bwlimit 100 --timeout=30 --contimeout=10 --chown=www:www --chmod=Du+rwx")]
    [InlineData("-a --checksum --size-only --ignore-existing --existing --max-size=10M --min-size 1")]
    [InlineData("-a --backup --suffix=.bak --backup-dir=/var/old")]
    [InlineData("-a --exclude=*.tmp --include 'keep/**' --filter='- *.log' --filter='exclude .git/' -f '+ docs/'")]
    [InlineData("-av --stats -i -h")]
    [InlineData("-a --no-perms --no-o --no-g --no-h")]
    public void ValidateOptions_AcceptableOptions_NoProblems(string text)
    {
        Assert.Empty(RsyncOptionValidator.ValidateOptions(text));
    }

    [Theory]
    [InlineData("-V", "-V (--version)")]
    [InlineData("-artuzV", "-V (--version)")]
    [InlineData("--version", "--version")]
    [InlineData("--info=help", "--info")]
    [InlineData("--info=progress2", "--info")]
    [InlineData("--debug=help", "--debug")]
    [InlineData("-a --old-args", "--old-args")]
    [InlineData("--exclude-from=/etc/shadow", "--exclude-from")]
    [InlineData("--include-from /etc/shadow", "--include-from")]
    [InlineData("--files-from=/etc/passwd", "--files-from")]
    [InlineData("--filter='merge /etc/rules'", "merge rules read filter files")]
    [InlineData("--filter='dir-merge .rules'", "merge rules read filter files")]
    [InlineData("--filter='. /etc/rules'", "merge rules read filter files")]
    [InlineData("-f ':C'", "merge rules read filter files")]
    [InlineData("-f'merge,- /etc/rules'", "merge rules read filter files")]
    [InlineData("-aF", "-F:")]
    [InlineData("-C", "-C (--cvs-exclude)")]
    [InlineData("-L", "-L (--copy-links)")]
    [InlineData("-aLz", "-L (--copy-links)")]
    [InlineData("--copy-links", "--copy-links")]
    [InlineData("--copy-unsafe-links", "--copy-unsafe-links")]
    [InlineData("-k", "-k (--copy-dirlinks)")]
    [InlineData("-e ssh", "-e (--rsh)")]
    [InlineData("--rsh=sh", "--rsh")]
    [InlineData("--rsync-path=/tmp/x", "--rsync-path")]
    [InlineData("--daemon", "--daemon")]
    [InlineData("--server", "--server")]
    [InlineData("--sender", "--sender")]
    [InlineData("--config=/etc/rsyncd.conf", "--config")]
    [InlineData("--password-file=/etc/x", "--password-file")]
    [InlineData("--write-batch=x", "--write-batch")]
    [InlineData("--read-batch=x", "--read-batch")]
    [InlineData("--only-write-batch=x", "--only-write-batch")]
    [InlineData("--remove-source-files", "--remove-source-files")]
    [InlineData("--log-file=/tmp/x", "--log-file")]
    [InlineData("-aq", "-q (--quiet)")]
    [InlineData("--quiet", "--quiet")]
    [InlineData("-avv", "-v is allowed once")]
    [InlineData("-v --verbose", "-v is allowed once")]
    [InlineData("--out-format=%n", "--out-format")]
    [InlineData("-P", "-P (--partial --progress)")]
    [InlineData("--delete-after", "--delete-after")]
    [InlineData("--port=1", "--port")]
    [InlineData("--sockopts=SO_SNDBUF=1", "--sockopts")]
    [InlineData("--some-future-option", "--some-future-option is not allowed: it is not one of the rsync options")]
    [InlineData("-aY", "-Y is not allowed")]
    [InlineData("--compress=9", "--compress takes no value")]
    [InlineData("-a --bwlimit", "--bwlimit needs a value")]
    public void ValidateOptions_RefusedOption_NamesItAndWhy(string text, string expected)
    {
        var problems = RsyncOptionValidator.ValidateOptions(text, "rsync parameters");

        var problem = Assert.Single(problems);
        Assert.Contains(expected, problem);
        Assert.StartsWith("rsync parameters: ", problem);
    }

    [SkippableFact]
    public void ValidateOptions_EveryRealSersyncCommonParams_IsAccepted()
    {
        var folder = SyncConsole.TestSupport.SharedFixtures.RealConfxmlFolderOrSkip();
        var checkedParams = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order())
        {
            // XDocument skips commented-out elements, as sersync does.
            var document = System.Xml.Linq.XDocument.Load(file);
            foreach (var element in document.Descendants("commonParams"))
            {
                var text = (string?)element.Attribute("params") ?? "";
                Assert.True(RsyncOptionValidator.ValidateOptions(text).Count == 0,
                    $"{Path.GetFileName(file)}: \"{text}\": {string.Join("; ", RsyncOptionValidator.ValidateOptions(text))}");
                checkedParams++;
            }
        }
        Assert.True(checkedParams >= 10, $"only {checkedParams} commonParams found in {folder}");
    }

    [Fact]
    public void ValidateOptions_ShortOptionValue_IsNotReadAsOptions()
    {
        // "-f" takes a value: the "R" in "- Rfoo" must not be read as -R.
        Assert.Empty(RsyncOptionValidator.ValidateOptions("-f '- Rfoo' -a"));
    }

    [Fact]
    public void ValidateOptions_UnterminatedQuote_SaysSo()
    {
        var problem = Assert.Single(RsyncOptionValidator.ValidateOptions("-a --exclude='x", "rsync parameters"));
        Assert.Contains("Unterminated single quote", problem);
    }

    [Fact]
    public void ValidateOptions_Operand_IsRejected()
    {
        var problem = Assert.Single(RsyncOptionValidator.ValidateOptions("-a /etc host::mod"[..7]));
        Assert.Contains("\"/etc\" is not an option", problem);
    }

    [Fact]
    public void ValidateRemote_BadValues_NameEachProblem()
    {
        var problems = RsyncOptionValidator.ValidateRemote(new RemoteDefinition
        {
            Id = 1, Name = "r", Host = "-oProxyCommand=x", ModuleOrPath = "a/b", Port = 70000, Password = "a\nb",
        });
        Assert.Contains(problems, p => p.Contains("host"));
        Assert.Contains(problems, p => p.Contains("module \"a/b\""));
        Assert.Contains(problems, p => p.Contains("port 70000"));
        Assert.Contains(problems, p => p.Contains("password"));
    }
}
