namespace SyncConsole.Web.Contracts;

/// <summary>A channel as the API shows it: secrets only say whether they are set.</summary>
public sealed record NotificationChannelResponse
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public bool Enabled { get; init; }
    public int MaxPerMinute { get; init; }
    public string? SmtpHost { get; init; }
    public int? SmtpPort { get; init; }
    public string? SmtpSecurity { get; init; }
    public string? SmtpUser { get; init; }
    public bool SmtpPasswordSet { get; init; }
    public string? From { get; init; }
    public IReadOnlyList<string> To { get; init; } = [];
    public bool UrlSet { get; init; }
    /// <summary>The URL's scheme, host and port only: the path may carry a token (Slack, Discord).</summary>
    public string? UrlOrigin { get; init; }
    public bool TokenSet { get; init; }
}
