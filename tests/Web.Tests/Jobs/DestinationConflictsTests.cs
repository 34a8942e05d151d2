using SyncConsole.Engine.Jobs;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Jobs;

public class DestinationConflictsTests
{
    private static readonly RemoteDefinition Web = new() { Id = 1, Name = "web", Host = "127.0.0.1", ModuleOrPath = "www" };

    [Fact]
    public void FolderInsideAnotherJobsFolder_SuggestsOneOutsideIt_NotTheRootAdvice()
    {
        var a = new DestinationLink(1, "A", Web with { Destination = "a" });
        var b = new DestinationLink(2, "B", Web with { Destination = "a/inner" });

        var problem = DestinationConflicts.Problem(b, [a]);

        Assert.NotNull(problem);
        Assert.Contains("overlaps job 'A'", problem);
        Assert.Contains("e.g. 'B'", problem);
        Assert.DoesNotContain("uses the root", problem);
    }

    [Fact]
    public void SameModuleUnderAnotherHostName_IsTheSamePlace()
    {
        var a = new DestinationLink(1, "A", Web with { Destination = "a" });
        var c = new DestinationLink(3, "C", Web with { Id = 2, Name = "alias", Host = "localhost" });

        Assert.Contains("overlaps job 'A'", DestinationConflicts.Problem(c, [a]));
    }
}
