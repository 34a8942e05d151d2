namespace SyncConsole.Web.Contracts;

/// <summary>
/// Body of <c>POST /api/notifications/channels</c> and <c>PUT /api/notifications/channels/{id}</c>. Secrets
/// (<see cref="SmtpPassword"/>, <see cref="Url"/>, <see cref="Token"/>) are write-only: on update null keeps the stored
/// one, "" removes it (the URL of a webhook kind cannot be removed).
/// </summary>
public sealed record NotificationChannelRequest
{
    public string? Name { get; init; }
    /// <summary>email, webhook, ntfy, gotify, slack or discord.</summary>
    public string? Kind { get; init; }
    public bool Enabled { get; init; } = true;
    /// <summary>At most this many messages a minute (1 to 60); the rest are summed up in one message.</summary>
    public int? MaxPerMinute { get; init; }
    public string? SmtpHost { get; init; }
    public int? SmtpPort { get; init; }
    /// <summary>none, startTls or tls.</summary>
    public string? SmtpSecurity { get; init; }
    public string? SmtpUser { get; init; }
    public string? SmtpPassword { get; init; }
    public string? From { get; init; }
    public IReadOnlyList<string>? To { get; init; }
    /// <summary>webhook: where to POST; ntfy: the topic URL (https://ntfy.sh/mytopic); gotify: the server URL; slack, discord: the incoming webhook URL.</summary>
    public string? Url { get; init; }
    /// <summary>webhook, ntfy: sent as <c>Authorization: Bearer</c>; gotify: the application token.</summary>
    public string? Token { get; init; }
}
