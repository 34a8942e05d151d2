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
    public void ValidateOptions_AcceptableOptions_NoProblems(string text)
    {
        Assert.Empty(RsyncOptionValidator.ValidateOptions(text));
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
