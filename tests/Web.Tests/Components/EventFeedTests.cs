using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SyncConsole.Engine.Events;
using SyncConsole.TestSupport;
using SyncConsole.Web.Components.Shared;
using SyncConsole.Web.Feed;

namespace SyncConsole.Web.Tests.Components;

/// <summary>The dashboard's feed component on the real host's event pipeline (stream → relay batches → in-process feed).</summary>
public sealed class EventFeedTests : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private readonly BunitContext context = new();
    private readonly SyncConsoleFactory factory;

    public EventFeedTests(SyncConsoleFactory factory)
    {
        this.factory = factory;
        using var _ = factory.CreateAnonymousClient();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(factory.Services.GetRequiredService<EngineEventFeed>());
        context.Services.AddSingleton(factory.Services.GetRequiredService<EngineEventStream>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public void Feed_EventsBeforeAndAfterOpening_ShowsRecentThenLiveOnceEach()
    {
        var stream = factory.Services.GetRequiredService<EngineEventStream>();
        stream.Publish(new EngineEvent { Kind = EngineEventKind.JobWarning, JobId = 1, Message = "before opening" });
        context.Render<MudPopoverProvider>();
        var feed = context.Render<EventFeed>();
        Assert.Contains("before opening", feed.Markup);

        stream.Publish(new EngineEvent { Kind = EngineEventKind.RsyncFinished, JobId = 1, Path = "live/file.txt" });

        feed.WaitForAssertion(() => Assert.Contains("live/file.txt", feed.Markup), TimeSpan.FromSeconds(10));
        Assert.Single(feed.FindAll("[data-testid=feed-row]"), r => r.TextContent.Contains("before opening"));
    }

    [Fact]
    public void Dispose_Component_UnsubscribesFromTheFeed()
    {
        var hub = factory.Services.GetRequiredService<EngineEventFeed>();
        var before = hub.SubscriberCount;
        var feed = context.Render<EventFeed>();
        Assert.Equal(before + 1, hub.SubscriberCount);

        feed.Instance.Dispose();

        Assert.Equal(before, hub.SubscriberCount);
    }
}
