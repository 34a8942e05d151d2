using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using SyncConsole.Engine.Alerts;

namespace SyncConsole.Web.Notifications;

/// <summary>
/// The HTTP channels: a generic JSON webhook (the <see cref="AlertMessage"/> itself), and ntfy, Gotify, Slack and
/// Discord in their own payload shapes. Errors name the URL's origin only, never its path (which may hold a token).
/// </summary>
public sealed class WebhookSender(HttpClient http) : INotificationSender
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public bool Handles(ChannelKind kind) => kind != ChannelKind.Email;

    public async Task SendAsync(ChannelSettings channel, AlertMessage message, CancellationToken cancellationToken)
    {
        using var request = Build(channel, message);
        var where = channel.UrlOrigin ?? "the webhook";
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode) return;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            body = body.Length > 200 ? body[..200] + "…" : body;
            throw new NotificationException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {where}" + (body.Trim().Length > 0 ? $": {body.Trim()}" : ""));
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException s)
        {
            throw new NotificationException($"{EmailSender.SocketText(s.SocketErrorCode)} to {where}", e);
        }
        catch (HttpRequestException e)
        {
            throw new NotificationException($"request to {where} failed: {e.HttpRequestError}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationException($"no answer from {where} within {http.Timeout.TotalSeconds:0} s", e);
        }
    }

    /// <summary>The request each kind expects (public for the payload tests).</summary>
    public static HttpRequestMessage Build(ChannelSettings channel, AlertMessage m)
    {
        var url = new Uri(channel.Url ?? throw new NotificationException("no URL is set"));
        var alert = m.Event == AlertEventType.Alert;
        HttpRequestMessage request;
        switch (channel.Kind)
        {
            case ChannelKind.Ntfy:
                // JSON publishing goes to the server's root with the topic inside: no non-ASCII header values.
                var topic = url.AbsolutePath.Trim('/');
                request = Post(new Uri(url, "/"), new
                {
                    topic, title = m.Subject, message = m.Text, priority = alert ? 4 : 3,
                    tags = new[] { m.Event switch { AlertEventType.Alert => "warning", AlertEventType.Recovery => "white_check_mark", _ => "information_source" } },
                });
                Bearer(request, channel.Token);
                return request;
            case ChannelKind.Gotify:
                request = Post(new Uri(url.AbsoluteUri.TrimEnd('/') + "/message"), new { title = m.Subject, message = m.Text, priority = alert ? 8 : 4 });
                if (!string.IsNullOrEmpty(channel.Token)) request.Headers.Add("X-Gotify-Key", channel.Token);
                return request;
            case ChannelKind.Slack:
                return Post(url, new { text = $"*{m.Subject}*\n{m.Text}" });
            case ChannelKind.Discord:
                var content = $"**{m.Subject}**\n{m.Text}";
                return Post(url, new { username = "SyncConsole", content = content.Length > 2000 ? content[..1999] + "…" : content });
            default:
                request = Post(url, m);
                Bearer(request, channel.Token);
                return request;
        }
    }

    private static HttpRequestMessage Post<T>(Uri url, T body) =>
        new(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) };

    private static void Bearer(HttpRequestMessage request, string? token)
    {
        if (!string.IsNullOrEmpty(token)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}
