using SyncConsole.Engine.Alerts;

namespace SyncConsole.Data.Entities;

/// <summary>
/// Where alerts go. SMTP settings for e-mail; a URL for the webhook kinds. Secrets (the SMTP password, the URL, which
/// for Slack and Discord is itself the credential, and a token) are stored protected with Data Protection by the caller.
/// </summary>
public sealed class NotificationChannel
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public ChannelKind Kind { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>At most this many messages a minute; the rest become one summary.</summary>
    public int MaxPerMinute { get; set; } = 5;
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; }
    public SmtpSecurity SmtpSecurity { get; set; }
    public string? SmtpUser { get; set; }
    public string? ProtectedSmtpPassword { get; set; }
    public string? FromAddress { get; set; }
    /// <summary>Recipients, one per line.</summary>
    public string? ToAddresses { get; set; }
    public string? ProtectedUrl { get; set; }
    /// <summary>The URL's scheme, host and port, shown instead of the URL (which may carry a token).</summary>
    public string? UrlOrigin { get; set; }
    /// <summary>A bearer token (webhook, ntfy) or application token (Gotify).</summary>
    public string? ProtectedToken { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
