namespace SyncConsole.Engine.Alerts;

/// <summary>Where notifications go: e-mail, a generic JSON webhook, or a service's own webhook shape.</summary>
public enum ChannelKind
{
    Email,
    Webhook,
    Ntfy,
    Gotify,
    Slack,
    Discord,
}

/// <summary>How the SMTP connection is secured: none, STARTTLS after connecting (port 587), or TLS from the start (465).</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    Tls,
}
