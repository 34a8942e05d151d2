using SyncConsole.Engine.Events;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Engine.Tests.Plugins;

public sealed class RefreshCdnPluginTests : IDisposable
{
    private readonly EngineEventStream events = new(TimeProvider.System);
    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    private static RefreshCdnPluginSettings Settings(int port) => new()
    {
        DomainName = "127.0.0.1", Port = port, UserName = "cdnuser", Password = "s&cret!", BaseUrl = "http://www.example.com",
    };

    [Fact]
    public async Task RunAsync_Receiver_GetsSersyncHeadRequestWithEncodedComponents()
    {
        using var server = new LoopbackHttpServer();

        await new RefreshCdnPlugin(Settings(server.Port), http, events).RunAsync(PluginTestData.Batch("/srv/www", "a/b c.html"), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("HEAD", request.Method);
        Assert.Equal("/index.jsp?user=cdnuser&pswd=s%26cret%21&ok=ok&urls=http%3A%2F%2Fwww.example.com%2Fa%2Fb%20c.html", request.Url);
        Assert.Equal(EngineEventKind.PluginRan, Assert.Single(events.Recent()).Kind);
    }

    [Fact]
    public void PublicUrl_RegexOn_UsesGroupOneAndTheRestAfterTheMatch()
    {
        var plugin = new RefreshCdnPlugin(Settings(80) with { UseRegex = true, Match = "/srv/www(/[^/]+)/static" }, http, events);

        Assert.Equal("http://www.example.com/site1/img/a.png", plugin.PublicUrl("/srv/www", "/srv/www/site1/static/img/a.png"));
        Assert.Null(plugin.PublicUrl("/srv/www", "/srv/www/other.txt"));
    }

    [Fact]
    public async Task RunAsync_ReceiverFails_EventNamesUrlWithMaskedPassword()
    {
        using var server = new LoopbackHttpServer(_ => 500);

        await new RefreshCdnPlugin(Settings(server.Port), http, events).RunAsync(PluginTestData.Batch("/srv/www", "a.html"), CancellationToken.None);

        var failed = Assert.Single(events.Recent());
        Assert.Equal(EngineEventKind.PluginFailed, failed.Kind);
        Assert.Contains("HTTP 500", failed.Message);
        Assert.Contains("pswd=***", failed.Message);
        Assert.DoesNotContain("cret", failed.Message);
    }
}
