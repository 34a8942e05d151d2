using SyncConsole.Engine.Alerts;

namespace SyncConsole.Web.Notifications;

/// <summary>A channel with its secrets unprotected: lives only in memory while sending, never serialised or logged.</summary>
public sealed record ChannelSettings
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required ChannelKind Kind { get; init; }
    public int MaxPerMinute { get; init; } = 5;
    public string? SmtpHost { get; init; }
    public int SmtpPort { get; init; }
    public SmtpSecurity SmtpSecurity { get; init; }
    public string? SmtpUser { get; init; }
    public string? SmtpPassword { get; init; }
    public string? From { get; init; }
    public IReadOnlyList<string> To { get; init; } = [];
    public string? Url { get; init; }
    public string? UrlOrigin { get; init; }
    public string? Token { get; init; }

    // Records print every property: keep the secrets out of any accidental log line.
    public override string ToString() => $"channel {Id} '{Name}' ({Kind})";
}

/// <summary>Sending failed; <see cref="Exception.Message"/> is the exact reason, safe to show (no secret in it).</summary>
public sealed class NotificationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Delivers one message over one kind of channel, or throws <see cref="NotificationException"/> saying why not.</summary>
public interface INotificationSender
{
    bool Handles(ChannelKind kind);

    Task SendAsync(ChannelSettings channel, AlertMessage message, CancellationToken cancellationToken);
}
