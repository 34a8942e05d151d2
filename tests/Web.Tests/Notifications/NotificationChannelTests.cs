using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Notifications;

/// <summary>Channels through the API against real servers: aiosmtpd on loopback for e-mail, an HttpListener for the webhook kinds.</summary>
public sealed class NotificationChannelTests(AlertsFactory factory) : IClassFixture<AlertsFactory>
{
    private const string SmtpPassword = "smtp-s3cret-Pw!x7";
    private const string Token = "tk_9f3b2c-webhook-token";

    private static readonly JsonSerializerOptions Json = HostScenario.Json;

    private async Task<NotificationChannelResponse> CreateAsync(HttpClient client, NotificationChannelRequest request)
    {
        var response = await client.PostAsJsonAsync("/api/notifications/channels", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<NotificationChannelResponse>(Json))!;
    }

    private static async Task<ChannelTestResponse> TestAsync(HttpClient client, int id)
    {
        var response = await client.PostAsync($"/api/notifications/channels/{id}/test", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChannelTestResponse>(Json))!;
    }

    private static NotificationChannelRequest Mail(string name, int port, string? user = "alerts", string? password = SmtpPassword) => new()
    {
        Name = name, Kind = "email", SmtpHost = "127.0.0.1", SmtpPort = port, SmtpSecurity = "none", SmtpUser = user, SmtpPassword = password,
        From = "syncconsole@example.test", To = ["ops@example.test", "oncall@example.test"],
    };

    [SkippableFact]
    public async Task EmailChannel_SendTest_ArrivesAtARealSmtpServerWithAuth_AndAWrongPasswordSays535()
    {
        Smtp.SkipUnlessAvailable();
        await using var smtp = await SmtpServerFixture.StartAsync("alerts", SmtpPassword);
        var client = factory.CreateApiClient();
        var good = await CreateAsync(client, Mail("mail ok", smtp.Port));
        var bad = await CreateAsync(client, Mail("mail wrong password", smtp.Port, password: "not-the-password"));

        var sent = await TestAsync(client, good.Id);
        var refused = await TestAsync(client, bad.Id);

        Assert.True(sent.Ok, sent.Message);
        var mail = Assert.Single(smtp.Messages());
        Assert.Equal("[SyncConsole] test notification", mail.Subject);
        Assert.Equal(["ops@example.test", "oncall@example.test"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("syncconsole@example.test", mail.From.Mailboxes.Single().Address);
        Assert.Contains("mail ok", mail.TextBody);
        Assert.False(refused.Ok);
        Assert.Contains("535", refused.Message);
        Assert.Contains("authentication failed", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task EmailChannel_NothingListening_SaysConnectionRefusedToHostAndPort()
    {
        var port = LoopbackPort.Free();
        var client = factory.CreateApiClient();
        var channel = await CreateAsync(client, Mail("mail nowhere", port, user: null, password: null));

        var result = await TestAsync(client, channel.Id);

        Assert.False(result.Ok);
        Assert.Equal($"connection refused to 127.0.0.1:{port}", result.Message);
    }

    [Fact]
    public async Task WebhookAndPresets_SendTest_PostTheirOwnPayloadShapes()
    {
        using var listener = new WebhookListener();
        var client = factory.CreateApiClient();
        var webhook = await CreateAsync(client, new() { Name = "hook generic", Kind = "webhook", Url = listener.BaseUrl + "/hook/generic", Token = Token });
        var ntfy = await CreateAsync(client, new() { Name = "hook ntfy", Kind = "ntfy", Url = listener.BaseUrl + "/alerts-topic" });
        var gotify = await CreateAsync(client, new() { Name = "hook gotify", Kind = "gotify", Url = listener.BaseUrl + "/gotify", Token = Token });
        var slack = await CreateAsync(client, new() { Name = "hook slack", Kind = "slack", Url = listener.BaseUrl + "/services/T0/B0/xyz" });
        var discord = await CreateAsync(client, new() { Name = "hook discord", Kind = "discord", Url = listener.BaseUrl + "/api/webhooks/1/abc" });

        foreach (var c in new[] { webhook, ntfy, gotify, slack, discord })
            Assert.True((await TestAsync(client, c.Id)).Ok, c.Name);

        var requests = listener.Requests;
        Assert.Equal(5, requests.Count);
        Assert.All(requests, r => Assert.Equal("POST", r.Method));

        var generic = requests.Single(r => r.Path == "/hook/generic");
        Assert.Equal($"Bearer {Token}", generic.Headers["Authorization"]);
        var body = JsonDocument.Parse(generic.Body).RootElement;
        Assert.Equal("test", body.GetProperty("event").GetString());
        Assert.Equal("[SyncConsole] test notification", body.GetProperty("subject").GetString());
        Assert.True(body.TryGetProperty("text", out _) && body.TryGetProperty("at", out _));

        var n = JsonDocument.Parse(requests.Single(r => r.Path == "/").Body).RootElement;
        Assert.Equal("alerts-topic", n.GetProperty("topic").GetString());
        Assert.Equal("[SyncConsole] test notification", n.GetProperty("title").GetString());
        Assert.True(n.TryGetProperty("message", out _) && n.TryGetProperty("priority", out _));

        var g = requests.Single(r => r.Path == "/gotify/message");
        Assert.Equal(Token, g.Headers["X-Gotify-Key"]);
        Assert.Equal("[SyncConsole] test notification", JsonDocument.Parse(g.Body).RootElement.GetProperty("title").GetString());

        Assert.StartsWith("*[SyncConsole] test notification*\n", JsonDocument.Parse(requests.Single(r => r.Path == "/services/T0/B0/xyz").Body).RootElement.GetProperty("text").GetString());
        Assert.StartsWith("**[SyncConsole] test notification**\n", JsonDocument.Parse(requests.Single(r => r.Path == "/api/webhooks/1/abc").Body).RootElement.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Webhook_ServerAnswers500_TestSaysTheStatusAndOriginButNotThePath()
    {
        using var listener = new WebhookListener { Answer = HttpStatusCode.InternalServerError };
        var client = factory.CreateApiClient();
        var channel = await CreateAsync(client, new() { Name = "hook failing", Kind = "slack", Url = listener.BaseUrl + "/services/SECRETPATH" });

        var result = await TestAsync(client, channel.Id);

        Assert.False(result.Ok);
        Assert.StartsWith($"HTTP 500 Internal Server Error from {listener.BaseUrl}", result.Message);
        Assert.DoesNotContain("SECRETPATH", result.Message);
    }

    [Fact]
    public async Task Secrets_AreWriteOnly_NeverInResponsesOrLogs_AndKeptWhenLeftOut()
    {
        using var listener = new WebhookListener { Answer = HttpStatusCode.Unauthorized };
        var client = factory.CreateApiClient();
        var mail = await CreateAsync(client, Mail("mail secret", LoopbackPort.Free()));
        var hookUrl = listener.BaseUrl + "/hooks/TOKENINPATH";
        var hook = await CreateAsync(client, new() { Name = "hook secret", Kind = "webhook", Url = hookUrl, Token = Token });
        await TestAsync(client, mail.Id);
        await TestAsync(client, hook.Id);

        // Left out on update: kept; the answers only say they are set.
        var updated = await client.PutAsJsonAsync($"/api/notifications/channels/{hook.Id}", new NotificationChannelRequest { Name = "hook secret", Kind = "webhook" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        await TestAsync(client, hook.Id);
        Assert.Equal(2, listener.Requests.Count(r => r.Path == "/hooks/TOKENINPATH" && r.Headers["Authorization"] == $"Bearer {Token}"));

        var list = await client.GetStringAsync("/api/notifications/channels");
        var one = await client.GetStringAsync($"/api/notifications/channels/{mail.Id}");
        foreach (var text in new[] { list, one, await updated.Content.ReadAsStringAsync() })
            foreach (var secret in new[] { SmtpPassword, Token, "TOKENINPATH" })
                Assert.DoesNotContain(secret, text);
        Assert.Contains("\"smtpPasswordSet\":true", one);
        var stored = JsonDocument.Parse(list).RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == hook.Id);
        Assert.True(stored.GetProperty("urlSet").GetBoolean() && stored.GetProperty("tokenSet").GetBoolean());
        Assert.Equal(listener.BaseUrl, stored.GetProperty("urlOrigin").GetString());

        // Stored protected, not in clear.
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<SyncConsole.Data.SyncConsoleDbContext>>().CreateDbContextAsync();
        var rows = await db.NotificationChannels.AsNoTracking().ToListAsync();
        Assert.All(rows, r => Assert.DoesNotContain(SmtpPassword, r.ProtectedSmtpPassword ?? ""));
        Assert.All(rows, r => Assert.DoesNotContain("TOKENINPATH", (r.ProtectedUrl ?? "") + r.UrlOrigin));

        var logs = string.Join("\n", factory.Logs.Lines);
        Assert.Contains("hook secret", logs, StringComparison.Ordinal); // the failed sends were logged...
        foreach (var secret in new[] { SmtpPassword, Token, "TOKENINPATH" })
            Assert.DoesNotContain(secret, logs); // ...without a secret
    }

    [Fact]
    public async Task BadChannel_Is400NamingTheField_AndNothingIsStored()
    {
        var client = factory.CreateApiClient();
        var before = (await client.GetFromJsonAsync<List<NotificationChannelResponse>>("/api/notifications/channels", Json))!.Count;
        (NotificationChannelRequest Body, string Field)[] cases =
        [
            (new() { Name = "x1", Kind = "pager" }, "kind"),
            (new() { Name = "", Kind = "webhook", Url = "http://127.0.0.1:1/" }, "name"),
            (new() { Name = "x2", Kind = "webhook", Url = "ftp://example.test/" }, "url"),
            (new() { Name = "x3", Kind = "slack" }, "url"),
            (new() { Name = "x4", Kind = "ntfy", Url = "https://ntfy.sh/" }, "url"),
            (Mail("x5", 70000), "smtpPort"),
            (Mail("x6", 25) with { To = ["not an address"] }, "to"),
            (Mail("x7", 25) with { From = "a@b.test, c@d.test" }, "from"),
            (Mail("x8", 25) with { SmtpSecurity = "ssl3" }, "smtpSecurity"),
            (Mail("x9", 25) with { MaxPerMinute = 0 }, "maxPerMinute"),
        ];
        foreach (var (body, field) in cases)
        {
            var response = await client.PostAsJsonAsync("/api/notifications/channels", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }
        var rules = await client.PutAsJsonAsync("/api/notifications/rules", new[] { new AlertRuleDto { Kind = "remoteUnreachable", Enabled = true, Minutes = -1 } });
        Assert.Equal(HttpStatusCode.BadRequest, rules.StatusCode);
        Assert.Contains("rules[0].minutes", await rules.Content.ReadAsStringAsync());
        Assert.Equal(before, (await client.GetFromJsonAsync<List<NotificationChannelResponse>>("/api/notifications/channels", Json))!.Count);
    }
}
