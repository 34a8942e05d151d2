using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Hosting;

public sealed class JobChangeNotifierTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task JobsChanged_AfterApiWrites_IsRaisedForCreateUpdateDeleteButNotForInvalidInput()
    {
        using var watched = new TempDirectory("syncconsole-watch");
        using var client = factory.CreateApiClient();
        var notifier = factory.Services.GetRequiredService<JobChangeNotifier>();
        var raised = 0;
        notifier.JobsChanged += (_, _) => Interlocked.Increment(ref raised);

        var created = (await (await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "notify", WatchPath = watched.Path })).Content.ReadFromJsonAsync<JobResponse>())!;
        await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "", WatchPath = watched.Path });
        await client.PutAsJsonAsync($"/api/jobs/{created.Id}", new JobRequest { Name = "notify", WatchPath = watched.Path, Enabled = false });
        await client.DeleteAsync($"/api/jobs/{created.Id}");

        Assert.Equal(3, raised);
    }

    [Fact]
    public async Task LoadRunnableAsync_DisabledJob_IsLeftOut()
    {
        using var watched = new TempDirectory("syncconsole-watch");
        using var client = factory.CreateApiClient();
        await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "on", WatchPath = watched.Path, ExcludeRegexes = [".*\\.tmp"] });
        await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "off", WatchPath = watched.Path, Enabled = false });

        var definitions = await factory.Services.GetRequiredService<JobDefinitionSource>().LoadRunnableAsync(CancellationToken.None);

        var on = Assert.Single(definitions, d => d.Name is "on" or "off");
        Assert.Equal("on", on.Name);
        Assert.Equal([".*\\.tmp"], on.ExcludeRegexes);
    }
}
