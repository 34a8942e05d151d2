using SyncConsole.TestSupport;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Tests.Hosting;

/// <summary>Which folder is the content root: never the working directory (the process tests start from "/").</summary>
public sealed class HostLayoutTests : IDisposable
{
    private readonly TempDirectory temp = new("syncconsole-layout");

    public void Dispose() => temp.Dispose();

    private string Folder(string name, params string[] files)
    {
        var folder = Directory.CreateDirectory(temp.Combine(name)).FullName;
        foreach (var file in files) File.WriteAllText(Path.Combine(folder, file), "{}");
        return folder;
    }

    [Fact]
    public void Published_IsTheApplicationsOwnFolder()
    {
        var app = Folder("app", "appsettings.json", "SyncConsole.Web.staticwebassets.endpoints.json");
        var source = Folder("source", "appsettings.json");

        Assert.Equal(app, HostLayout.ResolveContentRoot(null, app, source).TrimEnd('/'));
    }

    [Fact]
    public void BuildOutput_IsTheRepositoryItWasBuiltFrom()
    {
        var bin = Folder("bin", "appsettings.json", "SyncConsole.Web.staticwebassets.runtime.json");
        var source = Folder("source", "appsettings.json");

        Assert.Equal(source, HostLayout.ResolveContentRoot(null, bin, source).TrimEnd('/'));
    }

    [Fact]
    public void BuildOutputCopiedAwayFromItsRepository_IsItsOwnFolder()
    {
        var bin = Folder("bin", "appsettings.json", "SyncConsole.Web.staticwebassets.runtime.json");

        Assert.Equal(bin, HostLayout.ResolveContentRoot(null, bin, temp.Combine("gone")).TrimEnd('/'));
    }

    [Fact]
    public void Configured_Wins()
    {
        var bin = Folder("bin", "SyncConsole.Web.staticwebassets.runtime.json");
        var chosen = Folder("chosen");

        Assert.Equal(chosen, HostLayout.ResolveContentRoot(chosen, bin, Folder("source", "appsettings.json")));
    }
}
