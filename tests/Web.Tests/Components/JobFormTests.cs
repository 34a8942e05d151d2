using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SyncConsole.TestSupport;
using SyncConsole.Web.Components.Shared;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Components;

/// <summary>The job form on the real JobStore: the UI shows the same field errors the API returns, and saves through it.</summary>
public sealed class JobFormTests : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private readonly BunitContext context = new();
    private readonly SyncConsoleFactory factory;

    public JobFormTests(SyncConsoleFactory factory)
    {
        this.factory = factory;
        using var _ = factory.CreateAnonymousClient();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(factory.Services.GetRequiredService<JobStore>());
        context.Services.AddSingleton(TimeProvider.System);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public void Save_MissingFolderAndNoEvents_ShowsTheStoresFieldErrorsAndSavesNothing()
    {
        JobResponse? saved = null;
        var model = new JobFormModel { Name = "form-invalid", WatchPath = "/no/such/folder/here", Events = [] };
        context.Render<MudPopoverProvider>();
        var form = context.Render<JobForm>(p => p.Add(f => f.Model, model).Add(f => f.OnSaved, r => saved = r));

        form.Find("[data-testid=job-save]").Click();

        form.WaitForAssertion(() =>
        {
            Assert.Contains("is not an existing directory", form.Markup);
            Assert.Contains("Choose at least one event.", form.Markup);
        }, TimeSpan.FromSeconds(10));
        Assert.Null(saved);
    }

    [Fact]
    public void Save_ValidJob_SavesThroughTheStoreAndRaisesOnSaved()
    {
        using var folder = new TempDirectory("syncconsole-form");
        JobResponse? saved = null;
        var model = new JobFormModel { Name = "form-valid", WatchPath = folder.Path, Enabled = false, ExcludeRegexes = "^/tmp/.*\n.*\\.swp" };
        context.Render<MudPopoverProvider>();
        var form = context.Render<JobForm>(p => p.Add(f => f.Model, model).Add(f => f.OnSaved, r => saved = r));

        form.Find("[data-testid=job-save]").Click();

        form.WaitForAssertion(() => Assert.NotNull(saved), TimeSpan.FromSeconds(10));
        Assert.Equal(["^/tmp/.*", ".*\\.swp"], saved!.ExcludeRegexes);
        Assert.Equal(folder.Path, saved.WatchPath);
    }

    [Fact]
    public void FullSyncLiveExcludesSwitch_OnForANewJob_SaysSo_AndTurningItOffSavesSersyncsSplit()
    {
        using var folder = new TempDirectory("syncconsole-form-liveexcludes");
        JobResponse? saved = null;
        var model = new JobFormModel { Name = "form-liveexcludes", WatchPath = folder.Path, Enabled = false, ExcludeRegexes = "^cache/*" };
        context.Render<MudPopoverProvider>();
        var form = context.Render<JobForm>(p => p.Add(f => f.Model, model).Add(f => f.OnSaved, r => saved = r));

        Assert.Contains("skip what the exclude regexes match", form.Find("[data-testid=job-fullsync-live-excludes-hint]").TextContent);
        var toggle = form.Find("[data-testid=job-fullsync-live-excludes]");
        (toggle.TagName == "INPUT" ? toggle : toggle.QuerySelector("input")!).Change(false);
        form.WaitForAssertion(() => Assert.Contains("sersync's split", form.Find("[data-testid=job-fullsync-live-excludes-hint]").TextContent));
        form.Find("[data-testid=job-save]").Click();

        form.WaitForAssertion(() => Assert.NotNull(saved), TimeSpan.FromSeconds(10));
        Assert.False(saved!.FullSyncUsesLiveExcludes);
    }

    [Fact]
    public void InitialFullSyncSwitch_SavesTheSetting_IndependentOfFullSyncAfterTrouble()
    {
        using var folder = new TempDirectory("syncconsole-form-initial");
        JobResponse? saved = null;
        var model = new JobFormModel { Name = "form-initial", WatchPath = folder.Path, Enabled = false, ReconcileAfterTrouble = false };
        context.Render<MudPopoverProvider>();
        var form = context.Render<JobForm>(p => p.Add(f => f.Model, model).Add(f => f.OnSaved, r => saved = r));

        var toggle = form.Find("[data-testid=job-initial-full-sync]");
        (toggle.TagName == "INPUT" ? toggle : toggle.QuerySelector("input")!).Change(true);
        form.Find("[data-testid=job-save]").Click();

        form.WaitForAssertion(() => Assert.NotNull(saved), TimeSpan.FromSeconds(10));
        Assert.True(saved!.InitialFullSync);
        Assert.False(saved.ReconcileAfterTrouble);
    }

    [Fact]
    public async Task DestinationField_PerTickedRemote_SavesTheFolder_AndAnOverlapShowsTheOtherJob()
    {
        using var folder = new TempDirectory("syncconsole-form-dest");
        var name = "form-dest-" + Guid.NewGuid().ToString("N")[..6];
        var remote = (await factory.Services.GetRequiredService<SyncConsole.Web.Remotes.RemoteStore>().CreateAsync(
            new RemoteRequest { Name = name, Host = "127.0.0.9", ModuleOrPath = "www" }, CancellationToken.None)).Value!;
        context.Render<MudPopoverProvider>();
        JobResponse? saved = null;
        var first = context.Render<JobForm>(p => p.Add(f => f.Model, new JobFormModel { Name = name + "-a", WatchPath = folder.Path, Enabled = false })
            .Add(f => f.Remotes, [remote]).Add(f => f.OnSaved, r => saved = r));
        Assert.Empty(first.FindAll($"[data-testid=job-destination-{name}]"));

        first.Find($"[data-testid=job-remote-{name}] input, input[data-testid=job-remote-{name}]").Change(true);
        first.Find($"[data-testid=job-destination-{name}] input, input[data-testid=job-destination-{name}]").Change("site/a/");
        first.Find("[data-testid=job-save]").Click();
        first.WaitForAssertion(() => Assert.NotNull(saved), TimeSpan.FromSeconds(10));
        Assert.Equal("site/a", Assert.Single(saved!.Targets).Destination);

        // Edited again, the form shows the stored folder.
        var edit = context.Render<JobForm>(p => p.Add(f => f.Model, JobFormModel.From(saved)).Add(f => f.JobId, saved.Id).Add(f => f.Remotes, [remote]));
        Assert.Equal("site/a", edit.Find($"[data-testid=job-destination-{name}] input, input[data-testid=job-destination-{name}]").GetAttribute("value"));

        JobResponse? second = null;
        var model = new JobFormModel { Name = name + "-b", WatchPath = folder.Path, Enabled = false, RemoteIds = [remote.Id], Destinations = { [remote.Id] = "site" } };
        var form = context.Render<JobForm>(p => p.Add(f => f.Model, model).Add(f => f.Remotes, [remote]).Add(f => f.OnSaved, r => second = r));
        form.Find("[data-testid=job-save]").Click();
        form.WaitForAssertion(() => Assert.Contains($"job '{name}-a'", form.Find("[data-testid=job-targets-error]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Null(second);
        await factory.Services.GetRequiredService<JobStore>().DeleteAsync(saved.Id, CancellationToken.None);
    }
}
