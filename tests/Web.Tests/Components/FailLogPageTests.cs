using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Events;
using SyncConsole.Web.FailLog;
using SyncConsole.Web.Feed;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Remotes;
using FailLogPage = SyncConsole.Web.Components.Pages.FailLog;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Web.Tests.Components;

/// <summary>
/// The interactive Fail log page on the real services of a running host (real SQLite, the real event relay and feed).
/// The seeded jobs are disabled, so the engine never touches their entries.
/// </summary>
public sealed class FailLogPageTests : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly BunitContext context = new();
    private readonly SyncConsoleFactory factory;

    public FailLogPageTests(SyncConsoleFactory factory)
    {
        this.factory = factory;
        using var _ = factory.CreateAnonymousClient(); // starts the host, so its services are initialized
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        foreach (var type in new[] { typeof(FailLogService), typeof(JobStore), typeof(RemoteStore), typeof(EngineEventFeed), typeof(TimeProvider) })
            context.Services.AddSingleton(type, factory.Services.GetRequiredService(type));
        context.AddAuthorization().SetAuthorized("admin");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task Render_PendingAndResolvedEntries_ShowsBothAndTheStateFilterNarrows()
    {
        var (pending, resolved) = (await SeedAsync("page-filter", FailLogState.Pending), await SeedAsync("page-filter-2", FailLogState.Resolved));
        var page = RenderWithProviders();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("pending", StateOf(page, pending));
            Assert.Equal("resolved", StateOf(page, resolved));
        }, Wait);
        Assert.Contains("23: partial transfer due to error", page.Markup);
        Assert.Contains("rsync: send_files failed to open", page.Markup); // rsync's cause line, not its generic last line

        page.Find("[data-testid=faillog-state-resolved]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Null(StateOf(page, pending));
            Assert.Equal("resolved", StateOf(page, resolved));
        }, Wait);
    }

    [Fact]
    public async Task Render_PathsToggled_ListsEveryPath()
    {
        var id = await SeedAsync("page-paths", FailLogState.Pending);
        var page = RenderWithProviders();
        page.WaitForAssertion(() => Assert.Equal("pending", StateOf(page, id)), Wait);

        page.Find($"[data-testid=faillog-paths-toggle][data-entry-id='{id}']").Click();

        page.WaitForAssertion(() =>
        {
            var paths = page.Find("[data-testid=faillog-paths]").TextContent;
            Assert.Contains("docs/a.txt", paths);
            Assert.Contains("docs/b.txt", paths);
        }, Wait);
    }

    [Fact]
    public async Task EntryResolvedElsewhere_EventPublished_RowChangesWithoutReload()
    {
        var id = await SeedAsync("page-live", FailLogState.Pending);
        var page = RenderWithProviders();
        page.WaitForAssertion(() => Assert.Equal("pending", StateOf(page, id)), Wait);

        await using (var db = await DbAsync())
            await db.FailLog.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.State, FailLogState.Resolved));
        var entry = await factory.Services.GetRequiredService<FailLogService>().GetAsync(id, CancellationToken.None);
        factory.Services.GetRequiredService<EngineEventStream>().Publish(new EngineEvent
        {
            Kind = EngineEventKind.FailLogResolved, JobId = entry!.JobId, RemoteId = entry.RemoteId, FailLogId = id,
        });

        page.WaitForAssertion(() => Assert.Equal("resolved", StateOf(page, id)), Wait);
    }

    [Fact]
    public async Task Discard_Confirmed_MarksTheEntryDiscarded()
    {
        var id = await SeedAsync("page-discard", FailLogState.Pending);
        var page = RenderWithProviders();
        page.WaitForAssertion(() => Assert.Equal("pending", StateOf(page, id)), Wait);

        Row(page, id).QuerySelector("[data-testid=faillog-discard]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("Discard entry", page.Markup), Wait);
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Discard").Click();

        page.WaitForAssertion(() => Assert.Equal("discarded", StateOf(page, id)), Wait);
        page.WaitForAssertion(() => Assert.Contains("Discarded", page.Find(".mud-snackbar").TextContent), Wait);
        Assert.Equal(FailLogState.Discarded, (await factory.Services.GetRequiredService<FailLogService>().GetAsync(id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Discard_Cancelled_ChangesNothing()
    {
        var id = await SeedAsync("page-discard-cancel", FailLogState.Pending);
        var page = RenderWithProviders();
        page.WaitForAssertion(() => Assert.Equal("pending", StateOf(page, id)), Wait);

        Row(page, id).QuerySelector("[data-testid=faillog-discard]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("Discard entry", page.Markup), Wait);
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")), Wait);
        Assert.Equal(FailLogState.Pending, (await factory.Services.GetRequiredService<FailLogService>().GetAsync(id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Retry_JobDisabled_SaysInPlainWordsThatNothingWasDone()
    {
        var id = await SeedAsync("page-retry-disabled", FailLogState.Pending);
        var page = RenderWithProviders();
        page.WaitForAssertion(() => Assert.Equal("pending", StateOf(page, id)), Wait);

        Row(page, id).QuerySelector("[data-testid=faillog-retry]")!.Click();

        page.WaitForAssertion(() => Assert.Contains("Nothing done: Job 'page-retry-disabled' is disabled", page.Find(".mud-snackbar").TextContent), Wait);
        Assert.Equal("pending", StateOf(page, id));
    }

    private static string? StateOf(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, long id) =>
        page.FindAll($"[data-testid=faillog-state][data-entry-id='{id}']").SingleOrDefault()?.GetAttribute("data-state");

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, long id) =>
        page.Find($"[data-testid=faillog-actions][data-entry-id='{id}']");

    /// <summary>The page and the providers it needs in one tree, so dialogs and snackbars are in the same markup.</summary>
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderWithProviders() => context.Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<FailLogPage>(3);
        builder.CloseComponent();
    });

    private async Task<long> SeedAsync(string jobName, FailLogState state)
    {
        var (jobId, remoteId) = await DbSeed.JobWithRemoteAsync(factory, jobName);
        var now = DateTimeOffset.UtcNow;
        var entry = new FailLogEntry
        {
            JobId = jobId, RemoteId = remoteId, Paths = [new ChangedPath("docs/a.txt", false), new ChangedPath("docs/b.txt", false)],
            ExitCode = 23, ExitMeaning = "partial transfer due to error",
            StderrTail = "rsync: send_files failed to open \"/x/docs/a.txt\": Permission denied (13)\nrsync error: some files/attrs were not transferred (code 23)",
            FirstFailureAt = now.AddMinutes(-5), LastFailureAt = now, NextAttemptAt = now.AddMinutes(55), State = state,
        };
        await DbSeed.AddAsync(factory, entry);
        return entry.Id;
    }

    private async Task<SyncConsoleDbContext> DbAsync() =>
        await factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContextAsync();
}
