using System.Text.Json;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Engine.Tests.Plugins;

public sealed class HttpWebhookPluginTests : IDisposable
{
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task RunAsync_ReceiverFailsOnceThenAccepts_RetriesAndPostsTheBatch()
    {
        using var server = new LoopbackHttpServer(n => n == 1 ? 500 : 200);
        var plugin = new HttpWebhookPlugin(new HttpPluginSettings { Url = server.Url + "hook?token=abc" }, http, events, TimeSpan.FromMilliseconds(50));

        await plugin.RunAsync(PluginTestData.Batch("/srv/www", "a.txt", "d/b.txt"), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        var (method, _, body) = server.Requests.Last();
        Assert.Equal("POST", method);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("site", json.RootElement.GetProperty("job").GetProperty("name").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("remote").GetProperty("id").GetInt32());
        Assert.Equal(["/srv/www/a.txt", "/srv/www/d/b.txt"], json.RootElement.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
        Assert.True(json.RootElement.GetProperty("result").GetProperty("succeeded").GetBoolean());
        Assert.Equal(42, json.RootElement.GetProperty("result").GetProperty("bytes").GetInt64());
        var ran = Assert.Single(events.Recent());
        Assert.Equal(EngineEventKind.PluginRan, ran.Kind);
        Assert.Contains("attempt 2", ran.Message);
        Assert.DoesNotContain("token", ran.Message);
    }

    [Fact]
    public async Task RunAsync_ReceiverAlwaysFails_GivesUpAfterMaxAttempts()
    {
        using var server = new LoopbackHttpServer(_ => 503);
        var plugin = new HttpWebhookPlugin(new HttpPluginSettings { Url = server.Url, MaxAttempts = 3 }, http, events, TimeSpan.FromMilliseconds(20));

        await plugin.RunAsync(PluginTestData.Batch("/srv/www", "a.txt"), CancellationToken.None);

        Assert.Equal(3, server.Requests.Count);
        var failed = Assert.Single(events.Recent());
        Assert.Equal(EngineEventKind.PluginFailed, failed.Kind);
        Assert.Contains("after 3 attempt(s): HTTP 503", failed.Message);
    }
}
