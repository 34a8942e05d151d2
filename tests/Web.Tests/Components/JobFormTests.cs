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
}
