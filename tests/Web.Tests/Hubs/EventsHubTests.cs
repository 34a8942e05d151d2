using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Engine.Events;
using SyncConsole.Web.Hubs;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Tests.Hubs;

public sealed class EventsHubTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task Connect_WithoutCredentials_IsRefusedWith401()
    {
        await using var connection = Connect(apiKey: null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task PublishedEngineEvent_ConnectedWithApiKey_ArrivesAtClient()
    {
        await using var connection = Connect(SyncConsoleFactory.ApiKey);
        var received = Channel.CreateUnbounded<EngineEvent>();
        connection.On<EngineEvent>(EventsHub.EventMethod, e => received.Writer.TryWrite(e));
        await connection.StartAsync();

        var stream = factory.Services.GetRequiredService<EngineEventStream>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        EngineEvent? match = null;
        // The relay subscribes at host start; publish until one arrives rather than guess when it is listening.
        while (match is null)
        {
            stream.Publish(new EngineEvent { Kind = EngineEventKind.FileChanged, JobId = 3, Path = "docs/a.txt", Message = "hub test" });
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                wait.CancelAfter(TimeSpan.FromSeconds(1));
                match = await received.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
            }
        }

        Assert.Equal((EngineEventKind.FileChanged, 3, "docs/a.txt", "hub test"), (match.Kind, match.JobId, match.Path, match.Message));
        Assert.True(match.Id > 0);
    }

    private HubConnection Connect(string? apiKey) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, EventsHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (apiKey is not null) o.Headers[AuthSchemes.ApiKeyHeader] = apiKey;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(
                new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)))
            .Build();
}
