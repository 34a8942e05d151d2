using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Engine.Events;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Feed;
using SyncConsole.Web.Hubs;
using SyncConsole.Web.Security;
using Xunit.Abstractions;

namespace SyncConsole.Web.Tests.Faults;

/// <summary>
/// Two remote passwords (one right, one a wrong canary that makes runs fail and fill the fail log) never show up
/// in the host's logs (Trace level), events (REST and hub), API responses, page HTML, or any rsync child's argv
/// read from /proc while a burst runs: not plainly, not base64-, not URL-encoded.
/// </summary>
[Trait("Category", "Fault")]
public sealed class SecretLeakFaultTests(RecordingFactory factory, ITestOutputHelper output) : IClassFixture<RecordingFactory>, IAsyncLifetime
{
    private readonly TempDirectory watched = new("syncconsole-leak");
    private readonly HttpClient client = factory.CreateApiClient();
    private readonly StringBuilder seen = new();
    private RsyncDaemonFixture daemon = null!;

    public async Task InitializeAsync() => daemon = await RsyncDaemonFixture.StartNewAsync();

    public async Task DisposeAsync()
    {
        foreach (var job in await client.GetFromJsonAsync<List<JobResponse>>("/api/jobs") ?? [])
            await client.DeleteAsync($"/api/jobs/{job.Id}");
        await daemon.DisposeAsync();
        client.Dispose();
        watched.Dispose();
    }

    [Fact]
    public async Task BurstWithRightAndWrongPasswords_NoSecretInLogsEventsResponsesPagesOrArgv()
    {
        var canary = $"Canary-{Guid.NewGuid():N}-pw";
        await using var hub = await ConnectHubAsync();
        var hubEvents = Channel.CreateUnbounded<EngineEvent>();
        hub.On<EngineEventBatch>(EventsHub.BatchMethod, batch =>
        {
            foreach (var e in batch.Events) hubEvents.Writer.TryWrite(e);
        });
        await using var children = new RsyncChildWatcher();

        var good = await PostAsync<RemoteResponse>("/api/remotes", new RemoteRequest
        {
            Name = "leak-good", Host = "127.0.0.1", ModuleOrPath = daemon.ModuleName, User = daemon.User, Password = daemon.Password, Port = daemon.Port, TimeoutSeconds = 20,
        });
        var bad = await PostAsync<RemoteResponse>("/api/remotes", new RemoteRequest
        {
            Name = "leak-canary", Host = "127.0.0.1", ModuleOrPath = daemon.ModuleName, User = daemon.User, Password = canary, Port = daemon.Port, TimeoutSeconds = 20,
        });
        var job = await PostAsync<JobResponse>("/api/jobs", new JobRequest { Name = "leak job", WatchPath = watched.Path, RemoteIds = [good.Id, bad.Id], Debug = true });
        await Eventually.TrueAsync(() => Get($"/api/jobs/{job.Id}/status").Contains("\"watching\"") || Get($"/api/jobs/{job.Id}/status").Contains("\"syncing\""), "job running", 60);

        for (var i = 0; i < 300; i++)
        {
            var folder = Path.Combine(watched.Path, $"d{i % 10}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"f{i}.txt"), $"payload {i}");
            if (i % 50 == 49) await Task.Delay(100);
        }
        await Eventually.TrueAsync(() => Directory.EnumerateFiles(daemon.ModulePath, "*", SearchOption.AllDirectories).Count() == 300, "burst delivered to the good remote", 60);
        TreeAssert.Identical(watched.Path, daemon.ModulePath);
        await Eventually.TrueAsync(() => Get("/api/events?max=10000").Contains("\"rsyncFailed\"", StringComparison.OrdinalIgnoreCase), "the canary remote failed", 60);

        // Everything an operator or another local user can see.
        foreach (var url in new[] { "/api/jobs", $"/api/jobs/{job.Id}", $"/api/jobs/{job.Id}/status", "/api/remotes", $"/api/remotes/{good.Id}", $"/api/remotes/{bad.Id}", "/api/system", "/api/events?max=10000", $"/api/events?jobId={job.Id}&max=10000", "/healthz" })
            Get(url);
        using var browser = await factory.CreateLoggedInClientAsync();
        foreach (var page in new[] { "/", "/jobs", "/remotes", "/history", "/faillog", "/settings", "/import" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AppendLine(await response.Content.ReadAsStringAsync());
        }
        while (hubEvents.Reader.TryRead(out var e)) seen.AppendLine(JsonSerializer.Serialize(e));
        var argv = children.CommandLines;
        var logs = factory.Logs.Lines;
        output.WriteLine($"checked {logs.Count} log lines, {argv.Count} rsync command lines, {seen.Length} characters of responses, pages and events");
        Assert.NotEmpty(argv);
        Assert.Contains(logs, l => l.StartsWith("Trace", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("leak-canary", StringComparison.Ordinal) || l.Contains("exit 5", StringComparison.OrdinalIgnoreCase) || l.Contains("auth", StringComparison.OrdinalIgnoreCase));
        foreach (var l in logs.Where(l => l.Contains("rsync", StringComparison.OrdinalIgnoreCase)).Take(5)) output.WriteLine(l.Length > 300 ? l[..300] : l);
        Assert.Contains(argv, a => a.Contains($"{daemon.User}@127.0.0.1", StringComparison.Ordinal));

        foreach (var secret in new[] { daemon.Password, canary })
            foreach (var (form, encoded) in Encodings(secret))
            {
                Assert.DoesNotContain(logs, l => l.Contains(encoded, StringComparison.Ordinal));
                Assert.DoesNotContain(argv, a => a.Contains(encoded, StringComparison.Ordinal));
                Assert.False(seen.ToString().Contains(encoded, StringComparison.Ordinal), $"the password ({form}) is in a response, page or event");
            }
    }

    private static IEnumerable<(string Form, string Encoded)> Encodings(string secret)
    {
        yield return ("plain", secret);
        yield return ("base64", Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)).TrimEnd('='));
        yield return ("url-encoded", Uri.EscapeDataString(secret));
        yield return ("user:password base64", Convert.ToBase64String(Encoding.UTF8.GetBytes("syncuser:" + secret)).TrimEnd('='));
    }

    private string Get(string url)
    {
        var body = client.GetStringAsync(url).GetAwaiter().GetResult();
        lock (seen) seen.AppendLine(body);
        return body;
    }

    private async Task<T> PostAsync<T>(string url, object request)
    {
        var response = await client.PostAsJsonAsync(url, request);
        var body = await response.Content.ReadAsStringAsync();
        lock (seen) seen.AppendLine(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonSerializer.Deserialize<T>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private async Task<HubConnection> ConnectHubAsync()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, EventsHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers[AuthSchemes.ApiKeyHeader] = SyncConsoleFactory.ApiKey;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(
                new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
