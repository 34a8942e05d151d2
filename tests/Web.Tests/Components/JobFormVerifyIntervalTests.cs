using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SyncConsole.TestSupport;
using SyncConsole.Web.Components.Shared;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Components;

/// <summary>The job form's "Verify every (minutes)" field on the real JobStore: the API's rule shows on the field, a good value is saved.</summary>
public sealed class JobFormVerifyIntervalTests : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private readonly BunitContext context = new();

    public JobFormVerifyIntervalTests(SyncConsoleFactory factory)
    {
        using var _ = factory.CreateAnonymousClient();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(factory.Services.GetRequiredService<JobStore>());
        context.Services.AddSingleton(TimeProvider.System);
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await context.DisposeAsync();

    private static IElement Input(IRenderedComponent<JobForm> form)
    {
        var field = form.Find("[data-testid=job-verify-interval]");
        return field.TagName == "INPUT" ? field : field.QuerySelector("input")!;
    }

    [Fact]
    public void Save_VerifyIntervalTooShortThenValid_ShowsTheFieldErrorThenSavesIt()
    {
        using var folder = new TempDirectory("syncconsole-form-verify");
        JobResponse? saved = null;
        var model = new JobFormModel { Name = "form-verify", WatchPath = folder.Path, Enabled = false };
        context.Render<MudPopoverProvider>();
        var form = context.Render<JobForm>(p => p.Add(f => f.Model, model).Add(f => f.OnSaved, r => saved = r));

        Input(form).Change("3");
        form.Find("[data-testid=job-save]").Click();
        form.WaitForAssertion(() => Assert.Contains("The verify interval must be between 5 and 10080 minutes", form.Markup), TimeSpan.FromSeconds(10));
        Assert.Null(saved);

        Input(form).Change("15");
        form.Find("[data-testid=job-save]").Click();
        form.WaitForAssertion(() => Assert.NotNull(saved), TimeSpan.FromSeconds(10));
        Assert.Equal(15, saved!.VerifyIntervalMinutes);
    }

    [Fact]
    public void DeepScheduledVerify_OnlyWithAnInterval_IsSaved()
    {
        using var folder = new TempDirectory("syncconsole-form-verify-deep");
        JobResponse? saved = null;
        var model = new JobFormModel { Name = "form-verify-deep", WatchPath = folder.Path, Enabled = false };
        context.Render<MudPopoverProvider>();
        var form = context.Render<JobForm>(p => p.Add(f => f.Model, model).Add(f => f.OnSaved, r => saved = r));
        IElement Deep() => form.Find("input[data-testid=job-verify-deep], [data-testid=job-verify-deep] input");

        Assert.True(Deep().HasAttribute("disabled"), "no schedule, nothing to make deep");
        Input(form).Change("15");
        form.WaitForAssertion(() => Assert.False(Deep().HasAttribute("disabled")));
        Deep().Change(true);
        form.Find("[data-testid=job-save]").Click();
        form.WaitForAssertion(() => Assert.NotNull(saved), TimeSpan.FromSeconds(10));
        Assert.Equal((15, true), (saved!.VerifyIntervalMinutes, saved.VerifyDeep));
    }
}
