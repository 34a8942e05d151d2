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

/// <summary>Issue 17's form defects on the real JobStore: an empty interval is an error, not "None"; a job without a
/// remote is warned about; a refused field's error goes when the field changes; a bad regex is said once.</summary>
public sealed class JobFormValidationTests : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private readonly BunitContext context = new();

    public JobFormValidationTests(SyncConsoleFactory factory)
    {
        using var _ = factory.CreateAnonymousClient();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(factory.Services.GetRequiredService<JobStore>());
        context.Services.AddSingleton(TimeProvider.System);
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await context.DisposeAsync();

    private static IElement Input(IRenderedComponent<JobForm> form, string testId)
    {
        var field = form.Find($"[data-testid={testId}]");
        return field.TagName is "INPUT" or "TEXTAREA" ? field : field.QuerySelector("input, textarea")!;
    }

    [Fact]
    public void EveryNMinutes_LeftEmpty_IsAnError_NotSavedAsNone()
    {
        using var folder = new TempDirectory("syncconsole-form-interval");
        JobResponse? saved = null;
        var model = new JobFormModel { Name = "form-interval", WatchPath = folder.Path, Enabled = false, Schedule = JobFormModel.ScheduleMode.Interval };
        context.Render<MudPopoverProvider>();
        var form = context.Render<JobForm>(p => p.Add(f => f.Model, model).Add(f => f.OnSaved, r => saved = r));

        form.Find("[data-testid=job-save]").Click();

        form.WaitForAssertion(() => Assert.Contains("Enter the interval in minutes, or choose None.", form.Markup), TimeSpan.FromSeconds(10));
        Assert.Null(saved);
        Input(form, "job-interval").Input("30");
        form.WaitForAssertion(() => Assert.DoesNotContain("Enter the interval in minutes", form.Markup), TimeSpan.FromSeconds(10));
        form.Find("[data-testid=job-save]").Click();
        form.WaitForAssertion(() => Assert.NotNull(saved), TimeSpan.FromSeconds(10));
        Assert.Equal(30, saved!.FullSyncIntervalMinutes);
    }

    [Fact]
    public void NoRemote_IsWarnedAbout()
    {
        using var folder = new TempDirectory("syncconsole-form-noremote");
        var model = new JobFormModel { Name = "form-noremote", WatchPath = folder.Path };
        var form = context.Render<JobForm>(p => p.Add(f => f.Model, model));

        Assert.Contains("deliver them nowhere", form.Find("[data-testid=job-no-remote]").TextContent);
    }

    [Fact]
    public void RefusedField_ErrorClearsWhenTheFieldChanges_BadRegexSaidOnce()
    {
        using var folder = new TempDirectory("syncconsole-form-clear");
        var model = new JobFormModel { Name = "form-clear", WatchPath = folder.Path, Enabled = false, RsyncParams = "-artuz --daemon", ExcludeRegexes = "(unclosed" };
        context.Render<MudPopoverProvider>();
        var form = context.Render<JobForm>(p => p.Add(f => f.Model, model));

        form.Find("[data-testid=job-save]").Click();
        form.WaitForAssertion(() => Assert.Contains("--daemon", form.Markup), TimeSpan.FromSeconds(10));
        // Said by the field after Save; the tester does not repeat it.
        var said = form.FindAll("*").Count(e => e.Children.Length == 0 && e.TagName != "TEXTAREA" && e.TextContent.Contains("(unclosed"));
        Assert.Equal(1, said);

        Input(form, "job-rsync-params").Change("-artuz");
        form.WaitForAssertion(() => Assert.DoesNotContain("--daemon", form.Markup), TimeSpan.FromSeconds(10));
    }
}
