using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Engine.Events;
using SyncConsole.TestSupport;
using SyncConsole.Web.Feed;
using SyncConsole.Web.Hubs;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Tests.Hubs;

/// <summary>A real SignalR client against the real host: auth, batches, per-job groups, folding under a burst.</summary>
public sealed class EventsHubTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    private EngineEventStream Stream => factory.Services.GetRequiredService<EngineEventStream>();

    [Fact]
    public async Task Connect_WithoutCredentials_IsRefusedWith401()
    {
        await using var connection = Connect(apiKey: null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Connect_WithWrongApiKey_IsRefusedWith401()
    {
        await using var connection = Connect("not-the-key");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Connect_WithBrowserLoginCookie_ReceivesBatches()
    {
        using var client = factory.CreateAnonymousClient();
        var login = await SyncConsoleFactory.PostLoginAsync(client, "admin", SyncConsoleFactory.AdminPassword);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("SyncConsole.Auth", StringComparison.Ordinal)));
        Assert.NotEmpty(cookie);
        await using var connection = Connect(apiKey: null, cookie);
        var received = Collect(connection);

        await connection.StartAsync();

        await Eventually.TrueAsync(() =>
        {
            Stream.Publish(new EngineEvent { Kind = EngineEventKind.JobWarning, JobId = 8, Message = "cookie client" });
            return received.Any(b => b.Events.Any(e => e.Message == "cookie client"));
        }, "a batch for the cookie-authenticated client", 20);
    }

    [Theory]
    [InlineData("http://localhost:8089")] // same site, other port: SameSite=Lax still sends the cookie
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task Connect_WithLoginCookieFromForeignOrigin_IsRefusedWith403(string origin)
    {
        using var client = factory.CreateAnonymousClient();
        var login = await SyncConsoleFactory.PostLoginAsync(client, "admin", SyncConsoleFactory.AdminPassword);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("SyncConsole.Auth", StringComparison.Ordinal)));
        await using var connection = Connect(apiKey: null, cookie, origin);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task PublishedEngineEvent_ConnectedWithApiKey_ArrivesInABatchWithAllFields()
    {
        await using var connection = Connect(SyncConsoleFactory.ApiKey);
        var received = Collect(connection);
        await connection.StartAsync();

        var marker = $"hub test {Guid.NewGuid():N}";
        await Eventually.TrueAsync(() =>
        {
            // The relay subscribes at host start; publish until one arrives rather than guess when it is listening.
            Stream.Publish(new EngineEvent
            {
                Kind = EngineEventKind.RsyncFailed, JobId = 3, RemoteId = 4, PathCount = 2, Bytes = 1234, DurationMs = 56,
                ExitCode = 5, ExitMeaning = "Error starting client-server protocol", FailLogId = 77, Message = marker,
            });
            return received.Any(b => b.Events.Any(e => e.Message == marker));
        }, "an event to arrive over SignalR", 20);

        var match = received.SelectMany(b => b.Events).First(e => e.Message == marker);
        Assert.Equal((EngineEventKind.RsyncFailed, 3, 4, 2, 1234L, 56.0, 5, "Error starting client-server protocol", 77L),
            (match.Kind, match.JobId, match.RemoteId, match.PathCount, match.Bytes, match.DurationMs, match.ExitCode, match.ExitMeaning, match.FailLogId));
        Assert.True(match.Id > 0);
        Assert.NotEqual(default, match.Time);
    }

    [Fact]
    public async Task Burst_TenThousandFileEvents_ArriveFoldedInAFewSmallBatchesKeepingOtherEvents()
    {
        const int jobId = 9001;
        await using var connection = Connect(SyncConsoleFactory.ApiKey);
        var received = Collect(connection);
        await connection.StartAsync();
        await connection.InvokeAsync("JoinJob", jobId);
        await WaitUntilListeningAsync(received, jobId);
        received.Clear();

        for (var i = 0; i < 10_000; i++)
        {
            Stream.Publish(new EngineEvent { Kind = EngineEventKind.FileChanged, JobId = jobId, Path = $"burst/{i}.txt" });
            if (i % 1000 == 0) Stream.Publish(new EngineEvent { Kind = EngineEventKind.RsyncFinished, JobId = jobId, Message = $"run {i}" });
        }
        Stream.Publish(new EngineEvent { Kind = EngineEventKind.JobWarning, JobId = jobId, Message = "burst end" });

        await Eventually.TrueAsync(() => received.Any(b => b.Events.Any(e => e.Message == "burst end")), "the end of the burst", 30);
        var batches = received.ToArray();
        var events = batches.SelectMany(b => b.Events).ToList();
        var files = events.Count(e => e.Kind == EngineEventKind.FileChanged);
        var folded = batches.Sum(b => b.Folded.GetValueOrDefault("fileChanged"));
        Assert.Equal(10_000, files + folded + batches.Sum(b => (int)b.Dropped));
        Assert.True(folded >= 10_000 - batches.Length * EngineEventBatcher.DefaultMaxFileEvents, $"only {folded} folded in {batches.Length} batches");
        Assert.All(batches, b => Assert.True(b.Events.Count(e => e.Kind == EngineEventKind.FileChanged) <= EngineEventBatcher.DefaultMaxFileEvents));
        Assert.Equal(10, events.Count(e => e.Kind == EngineEventKind.RsyncFinished));
        Assert.True(batches.Length < 40, $"{batches.Length} batches for one burst");
    }

    [Fact]
    public async Task JoinJob_OtherJobsEvents_AreNotSentUntilLeaveJob()
    {
        await using var connection = Connect(SyncConsoleFactory.ApiKey);
        var received = Collect(connection);
        await connection.StartAsync();
        await connection.InvokeAsync("JoinJob", 501);
        await WaitUntilListeningAsync(received, 501);

        Stream.Publish(new EngineEvent { Kind = EngineEventKind.JobWarning, JobId = 502, Message = "other job" });
        Stream.Publish(new EngineEvent { Kind = EngineEventKind.JobWarning, JobId = 501, Message = "my job" });
        await Eventually.TrueAsync(() => received.Any(b => b.Events.Any(e => e.Message == "my job")), "the joined job's event", 20);
        Assert.DoesNotContain(received.SelectMany(b => b.Events), e => e.Message == "other job");

        await connection.InvokeAsync("LeaveJob", 501);
        Stream.Publish(new EngineEvent { Kind = EngineEventKind.JobWarning, JobId = 502, Message = "other job after leave" });
        await Eventually.TrueAsync(() => received.Any(b => b.Events.Any(e => e.Message == "other job after leave")),
            "every job's events again after leaving the last group", 20);
    }

    [Fact]
    public async Task Feed_InProcessSubscriber_GetsTheSameBatches()
    {
        var feed = factory.Services.GetRequiredService<EngineEventFeed>();
        var received = new ConcurrentQueue<EngineEventBatch>();
        using (feed.Subscribe(received.Enqueue))
        {
            await Eventually.TrueAsync(() =>
            {
                Stream.Publish(new EngineEvent { Kind = EngineEventKind.JobWarning, JobId = 1, Message = "feed test" });
                return received.Any(b => b.Events.Any(e => e.Message == "feed test"));
            }, "a batch on the in-process feed", 20);
        }
        var countAfterDispose = received.Count;

        Stream.Publish(new EngineEvent { Kind = EngineEventKind.JobWarning, JobId = 1, Message = "after dispose" });
        await Task.Delay(EngineEventRelay.BatchInterval * 3); // short negative check
        Assert.DoesNotContain(received.Skip(countAfterDispose).SelectMany(b => b.Events), e => e.Message == "after dispose");
    }

    // Publish a probe for the job until the group delivers it: the relay and the join are both in place.
    private async Task WaitUntilListeningAsync(ConcurrentQueue<EngineEventBatch> received, int jobId)
    {
        await Eventually.TrueAsync(() =>
        {
            Stream.Publish(new EngineEvent { Kind = EngineEventKind.JobWarning, JobId = jobId, Message = "probe" });
            return received.Any(b => b.Events.Any(e => e.Message == "probe"));
        }, "the relay to deliver to the job group", 20);
        // Let the probes' batches drain before measuring.
        await Task.Delay(EngineEventRelay.BatchInterval * 3);
    }

    private static ConcurrentQueue<EngineEventBatch> Collect(HubConnection connection)
    {
        var received = new ConcurrentQueue<EngineEventBatch>();
        connection.On<EngineEventBatch>(EventsHub.BatchMethod, received.Enqueue);
        return received;
    }

    private HubConnection Connect(string? apiKey, string? cookie = null, string? origin = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, EventsHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (apiKey is not null) o.Headers[AuthSchemes.ApiKeyHeader] = apiKey;
                if (cookie is not null) o.Headers["Cookie"] = cookie;
                if (cookie is not null) o.Headers["Origin"] = origin ?? SyncConsoleFactory.OwnOrigin;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();
}
