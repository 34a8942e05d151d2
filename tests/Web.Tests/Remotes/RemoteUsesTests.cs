using Microsoft.Extensions.DependencyInjection;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Remotes;

namespace SyncConsole.Web.Tests.Remotes;

/// <summary>Deleting a remote on the Remotes page first says which jobs use it and in which folder (issue #13, item 3).</summary>
public sealed class RemoteUsesTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task DeleteQuestion_ListsEveryJobAndItsFolder_OrSaysNoneUsesIt()
    {
        using var _ = factory.CreateAnonymousClient();
        using var folder = new TempDirectory("syncconsole-uses");
        var remotes = factory.Services.GetRequiredService<RemoteStore>();
        var jobs = factory.Services.GetRequiredService<JobStore>();
        var name = "uses-" + Guid.NewGuid().ToString("N")[..6];
        var remote = (await remotes.CreateAsync(new RemoteRequest { Name = name, Host = "127.0.0.9", ModuleOrPath = "www" }, CancellationToken.None)).Value!;
        Assert.Equal($"Delete the remote '{name}'? No job uses it.", RemoteUse.DeleteQuestion(name, await remotes.UsesAsync(remote.Id, CancellationToken.None)));

        var created = new List<int>();
        foreach (var (job, destination) in new[] { ($"{name}-web", "sites/web"), ($"{name}-api", "api") })
        {
            var saved = await jobs.CreateAsync(new JobRequest
            {
                Name = job, WatchPath = folder.Path, Enabled = false, Targets = [new JobTarget { RemoteId = remote.Id, Destination = destination }],
            }, CancellationToken.None);
            Assert.True(saved.Errors is null, string.Join(" ", saved.Errors?.SelectMany(e => e.Value) ?? []));
            created.Add(saved.Value!.Id);
        }
        try
        {
            var question = RemoteUse.DeleteQuestion(name, await remotes.UsesAsync(remote.Id, CancellationToken.None));
            Assert.Equal($"Delete the remote '{name}'? Used by job '{name}-api' (folder 'api'), job '{name}-web' (folder 'sites/web'): " +
                         "they stop delivering there; the files already on the remote stay.", question);
        }
        finally
        {
            foreach (var id in created) await jobs.DeleteAsync(id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task EditingARemote_OntoAModuleWhereItsJobWouldOverlapAnother_Is400NamingThatJob()
    {
        using var _ = factory.CreateAnonymousClient();
        using var folder = new TempDirectory("syncconsole-remote-edit");
        var remotes = factory.Services.GetRequiredService<RemoteStore>();
        var jobs = factory.Services.GetRequiredService<JobStore>();
        var name = "edit-" + Guid.NewGuid().ToString("N")[..6];
        RemoteRequest Module(string suffix, string module) => new() { Name = name + suffix, Host = "127.0.0.9", ModuleOrPath = module };
        var web = (await remotes.CreateAsync(Module("-web", name + "web"), CancellationToken.None)).Value!;
        var logs = (await remotes.CreateAsync(Module("-logs", name + "logs"), CancellationToken.None)).Value!;
        var a = (await jobs.CreateAsync(new JobRequest { Name = name + "-a", WatchPath = folder.Path, Enabled = false, RemoteIds = [web.Id] }, CancellationToken.None)).Value!;
        var b = (await jobs.CreateAsync(new JobRequest { Name = name + "-b", WatchPath = folder.Path, Enabled = false, RemoteIds = [logs.Id] }, CancellationToken.None)).Value!;
        try
        {
            var moved = await remotes.UpdateAsync(logs.Id, Module("-logs", name + "web"), CancellationToken.None);
            Assert.Contains($"job '{name}-a'", Assert.Single(moved.Errors!["moduleOrPath"]));
            Assert.Equal(name + "logs", (await remotes.GetAsync(logs.Id, CancellationToken.None))!.ModuleOrPath);
            Assert.Null((await remotes.UpdateAsync(logs.Id, Module("-logs", name + "other"), CancellationToken.None)).Errors);
        }
        finally
        {
            await jobs.DeleteAsync(a.Id, CancellationToken.None);
            await jobs.DeleteAsync(b.Id, CancellationToken.None);
        }
    }
}
