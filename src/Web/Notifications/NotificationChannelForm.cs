using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Notifications;

/// <summary>What the Settings → Notifications form edits; secrets start empty (empty = keep the stored one).</summary>
public sealed class NotificationChannelForm
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "email";
    public bool Enabled { get; set; } = true;
    public int MaxPerMinute { get; set; } = 5;
    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; } = 587;
    public string SmtpSecurity { get; set; } = "startTls";
    public string SmtpUser { get; set; } = "";
    public string SmtpPassword { get; set; } = "";
    public bool PasswordSet { get; set; }
    public string From { get; set; } = "";
    /// <summary>Recipients separated by commas, semicolons or new lines.</summary>
    public string To { get; set; } = "";
    public string Url { get; set; } = "";
    public bool UrlSet { get; set; }
    public string? UrlOrigin { get; set; }
    public string Token { get; set; } = "";
    public bool TokenSet { get; set; }
    public bool RemoveToken { get; set; }

    public bool IsEmail => Kind == "email";

    public static NotificationChannelForm Of(NotificationChannelResponse c) => new()
    {
        Name = c.Name, Kind = c.Kind, Enabled = c.Enabled, MaxPerMinute = c.MaxPerMinute, SmtpHost = c.SmtpHost ?? "", SmtpPort = c.SmtpPort ?? 587,
        SmtpSecurity = c.SmtpSecurity ?? "startTls", SmtpUser = c.SmtpUser ?? "", PasswordSet = c.SmtpPasswordSet, From = c.From ?? "",
        To = string.Join(", ", c.To), UrlSet = c.UrlSet, UrlOrigin = c.UrlOrigin, TokenSet = c.TokenSet,
    };

    public NotificationChannelRequest ToRequest() => new()
    {
        Name = Name, Kind = Kind, Enabled = Enabled, MaxPerMinute = MaxPerMinute,
        SmtpHost = IsEmail ? SmtpHost : null, SmtpPort = IsEmail ? SmtpPort : null, SmtpSecurity = IsEmail ? SmtpSecurity : null,
        SmtpUser = IsEmail ? SmtpUser : null, SmtpPassword = IsEmail && SmtpPassword.Length > 0 ? SmtpPassword : null, From = IsEmail ? From : null,
        To = IsEmail ? To.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
        Url = !IsEmail && Url.Length > 0 ? Url : null,
        Token = IsEmail ? null : RemoveToken ? "" : Token.Length > 0 ? Token : null,
    };
}
