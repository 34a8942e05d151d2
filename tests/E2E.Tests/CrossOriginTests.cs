using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncConsole.TestSupport;
using SyncConsole.Web.Security;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SyncConsole.E2E.Tests;

/// <summary>
/// A page served from another port of the same loopback address (same site, so SameSite=Lax sends the admin's
/// cookie along) tries to pause a job with a form post and a fetch, and to open the events hub's WebSocket; all are
/// refused. The app's own pages and their fetches keep working in the same browser.
/// </summary>
public sealed class CrossOriginTests(ITestOutputHelper output) : IAsyncLifetime
{
    private E2EScenario scenario = null!;
    private HttpClient api = null!;

    public async Task InitializeAsync()
    {
        scenario = await E2EScenario.StartAsync("syncconsole-e2e-csrf");
        api = new HttpClient { BaseAddress = scenario.BaseUrl };
        api.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, scenario.Host.Services.GetRequiredService<ApiKeyStore>().CurrentKey);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await scenario.DisposeAsync();
    }

    [Fact]
    public async Task PageOnAnotherPort_WithAdminCookie_CannotPauseOrListen_WhileOwnPagesWork()
    {
        var jobId = await CreateJobAsync();
        await using var context = await scenario.Browser.NewContextAsync(scenario.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#password", E2EHostFactory.AdminPassword);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(new Uri(scenario.BaseUrl, "/").ToString());
        await page.WaitForInteractiveAsync();

        var app = scenario.BaseUrl.GetLeftPart(UriPartial.Authority);
        using var attacker = new StaticPageServer(AttackPage(app, jobId));
        var evil = await context.NewPageAsync();
        await evil.GotoAsync(attacker.Url);
        await evil.WaitForFunctionAsync("() => window.results.fetch && window.results.ws");
        var results = await evil.EvaluateAsync<JsonElement>("() => window.results");
        output.WriteLine($"attacker page at {attacker.Url}: {results}");
        Assert.Equal("refused", results.GetProperty("ws").GetString());
        Assert.Equal("watching", await StateAsync(jobId));

        // The form post is a top-level navigation: its answer is visible, and is a 403 (not a 401: the cookie went along).
        var navigation = await evil.RunAndWaitForResponseAsync(
            () => evil.EvaluateAsync("() => document.getElementById('f').submit()"), r => r.Request.IsNavigationRequest && r.Url.EndsWith("/pause"));
        Assert.Equal((int)HttpStatusCode.Forbidden, navigation.Status);
        // The answer's own body: reading the page's content races the navigation that shows it.
        Assert.Contains("Cross-origin request refused", await navigation.TextAsync());
        Assert.Equal("watching", await StateAsync(jobId));

        // The app's own pages: the Blazor circuit pauses, and a same-origin fetch with the cookie resumes.
        await page.GotoInteractiveAsync("/jobs");
        await page.Locator("[data-testid=job-pause]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=job-row-state]", new() { HasText = "paused" })).ToBeVisibleAsync();
        Assert.Equal("paused", await StateAsync(jobId));
        var status = await page.EvaluateAsync<int>($"async () => (await fetch('/api/jobs/{jobId}/resume', {{ method: 'POST' }})).status");
        Assert.Equal((int)HttpStatusCode.NoContent, status);
        Assert.NotEqual("paused", await StateAsync(jobId));
    }

    private static string AttackPage(string app, int jobId) => $$"""
        <!doctype html><html><body>
        <form id="f" method="post" action="{{app}}/api/jobs/{{jobId}}/pause"><input name="x" value="1"></form>
        <script>
          window.results = {};
          fetch('{{app}}/api/jobs/{{jobId}}/pause', { method: 'POST', credentials: 'include', mode: 'no-cors' })
            .then(() => window.results.fetch = 'sent', () => window.results.fetch = 'error');
          const ws = new WebSocket('{{app.Replace("http://", "ws://")}}/hubs/events');
          ws.onopen = () => window.results.ws = 'open';
          ws.onerror = () => window.results.ws = window.results.ws || 'refused';
        </script>
        </body></html>
        """;

    private async Task<int> CreateJobAsync()
    {
        var remote = await api.PostAsJsonAsync("/api/remotes", new
        {
            name = "csrf-daemon", host = "127.0.0.1", moduleOrPath = scenario.Daemon.ModuleName, user = scenario.Daemon.User,
            password = scenario.Daemon.Password, port = scenario.Daemon.Port,
        });
        Assert.Equal(HttpStatusCode.Created, remote.StatusCode);
        var remoteId = (await remote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var job = await api.PostAsJsonAsync("/api/jobs", new { name = "csrf-job", watchPath = scenario.Watched.Path, rsyncParams = "-artuz", remoteIds = new[] { remoteId } });
        Assert.Equal(HttpStatusCode.Created, job.StatusCode);
        var jobId = (await job.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await Eventually.TrueAsync(() => StateAsync(jobId).Result == "watching", "the job watching", 30);
        return jobId;
    }

    private async Task<string?> StateAsync(int jobId)
    {
        return (await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/status")).GetProperty("state").GetString();
    }

    /// <summary>Another web app on the same host: one HTML page on a free loopback port.</summary>
    private sealed class StaticPageServer : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly byte[] body;

        public StaticPageServer(string html)
        {
            body = Encoding.UTF8.GetBytes(html);
            Url = $"http://127.0.0.1:{LoopbackPort.Free()}/";
            listener.Prefixes.Add(Url);
            listener.Start();
            _ = ServeAsync();
        }

        public string Url { get; }

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }

        public void Dispose() => listener.Close();
    }
}
