using System.Net.Mail;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Alerts;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Security;
using SyncConsole.Web.Validation;

namespace SyncConsole.Web.Notifications;

/// <summary>
/// Notification channels and alert rules for the API and the Settings page: validated as a whole before anything is
/// stored; secrets go in protected and come back out only as "set".
/// </summary>
public sealed class NotificationStore(IDbContextFactory<SyncConsoleDbContext> dbFactory, SecretProtector protector, TimeProvider clock)
{
    public const int MaxRecipients = 50;

    public async Task<IReadOnlyList<NotificationChannelResponse>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await db.NotificationChannels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken)).Select(ToResponse).ToList();
    }

    public async Task<NotificationChannelResponse?> GetAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.NotificationChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } c ? ToResponse(c) : null;
    }

    public Task<StoreResult<NotificationChannelResponse>> CreateAsync(NotificationChannelRequest request, CancellationToken cancellationToken) =>
        SaveAsync(null, request, cancellationToken);

    public Task<StoreResult<NotificationChannelResponse>> UpdateAsync(int id, NotificationChannelRequest request, CancellationToken cancellationToken) =>
        SaveAsync(id, request, cancellationToken);

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.NotificationChannels.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Enabled channels (or one by id, enabled or not) with their secrets unprotected, for sending.</summary>
    public async Task<IReadOnlyList<ChannelSettings>> LoadForSendingAsync(int? id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.NotificationChannels.AsNoTracking().Where(c => id == null ? c.Enabled : c.Id == id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return rows.Select(c => new ChannelSettings
        {
            Id = c.Id, Name = c.Name, Kind = c.Kind, MaxPerMinute = c.MaxPerMinute, SmtpHost = c.SmtpHost, SmtpPort = c.SmtpPort,
            SmtpSecurity = c.SmtpSecurity, SmtpUser = c.SmtpUser, SmtpPassword = Unprotect(c.ProtectedSmtpPassword), From = c.FromAddress,
            To = Recipients(c.ToAddresses), Url = Unprotect(c.ProtectedUrl), UrlOrigin = c.UrlOrigin, Token = Unprotect(c.ProtectedToken),
        }).ToList();
    }

    public async Task<IReadOnlyList<AlertRule>> LoadRulesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == AppSettingKeys.AlertRules, cancellationToken);
        if (row is null) return AlertRule.Defaults;
        try { return AlertRule.Complete(JsonSerializer.Deserialize<List<AlertRule>>(row.Value, WebhookSender.Json)); }
        catch (JsonException) { return AlertRule.Defaults; }
    }

    public static IReadOnlyList<AlertRuleDto> ToDtos(IEnumerable<AlertRule> rules) =>
        rules.Select(r => new AlertRuleDto { Kind = Camel(r.Kind.ToString()), Enabled = r.Enabled, Minutes = r.Minutes }).ToList();

    /// <summary>Replaces the rules named in the list; kinds left out keep their stored setting.</summary>
    public async Task<StoreResult<IReadOnlyList<AlertRuleDto>>> SaveRulesAsync(IReadOnlyList<AlertRuleDto> rules, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var parsed = new List<AlertRule>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (!Enum.TryParse<AlertKind>(rules[i].Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(rules[i].Kind, out _))
                errors.Add($"rules[{i}].kind", "Unknown rule; use remoteUnreachable, failLogStale, jobError, verifyDifferences or deletionHeld.");
            else if (parsed.Any(p => p.Kind == kind)) errors.Add($"rules[{i}].kind", $"The rule {rules[i].Kind} is named twice.");
            if (rules[i].Minutes is < 0 or > AlertRule.MaxMinutes) errors.Add($"rules[{i}].minutes", $"Minutes must be between 0 (at once) and {AlertRule.MaxMinutes}.");
            if (errors.IsEmpty) parsed.Add(new AlertRule(kind, rules[i].Enabled, rules[i].Minutes));
        }
        if (!errors.IsEmpty) return StoreResult<IReadOnlyList<AlertRuleDto>>.Invalid(errors.ToDictionary());

        var current = await LoadRulesAsync(cancellationToken);
        var merged = AlertRule.Complete(current.Where(c => parsed.All(p => p.Kind != c.Kind)).Concat(parsed));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.SingleOrDefaultAsync(s => s.Key == AppSettingKeys.AlertRules, cancellationToken);
        if (row is null) db.Settings.Add(row = new AppSetting { Key = AppSettingKeys.AlertRules, Value = "" });
        row.Value = JsonSerializer.Serialize(merged, WebhookSender.Json);
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<IReadOnlyList<AlertRuleDto>>.Ok(ToDtos(merged));
    }

    public async Task<IReadOnlyList<AlertIncidentResponse>> IncidentsAsync(bool openOnly, int max, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AlertIncidents.AsNoTracking().Where(i => !openOnly || i.ClosedAt == null);
        var rows = await query.OrderByDescending(i => i.Id).Take(max).ToListAsync(cancellationToken);
        return rows.Select(i => new AlertIncidentResponse
        {
            Id = i.Id, Kind = Camel(i.Kind.ToString()), Title = i.Title, JobId = i.JobId, RemoteId = i.RemoteId, Since = i.Since,
            OpenedAt = i.OpenedAt, ClosedAt = i.ClosedAt, RecoveryNotified = i.RecoveryNotified,
        }).ToList();
    }

    private async Task<StoreResult<NotificationChannelResponse>> SaveAsync(int? id, NotificationChannelRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        NotificationChannel? channel = null;
        if (id is not null && (channel = await db.NotificationChannels.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)) is null)
            return StoreResult<NotificationChannelResponse>.Missing();

        var errors = new ValidationErrors();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "A name is required.");
        else if (name.Length > 200) errors.Add("name", "The name must be at most 200 characters.");
        else if (await db.NotificationChannels.AnyAsync(c => c.Name == name && c.Id != (id ?? 0), cancellationToken))
            errors.Add("name", $"A channel named '{name}' exists already.");
        if (!TryParseEnum<ChannelKind>(request.Kind, out var kind)) errors.Add("kind", "Unknown kind; use email, webhook, ntfy, gotify, slack or discord.");
        else if (channel is not null && channel.Kind != kind) errors.Add("kind", "The kind of a channel cannot change; add a new channel instead.");
        if (request.MaxPerMinute is < 1 or > 60) errors.Add("maxPerMinute", "The rate limit must be between 1 and 60 messages a minute.");

        var security = SmtpSecurity.StartTls;
        var to = (request.To ?? []).Select(t => t?.Trim() ?? "").ToList();
        Uri? url = null;
        if (kind == ChannelKind.Email && errors.Fields.All(f => f != "kind"))
        {
            if (string.IsNullOrWhiteSpace(request.SmtpHost) || Uri.CheckHostName(request.SmtpHost.Trim()) == UriHostNameType.Unknown)
                errors.Add("smtpHost", "The SMTP server must be a host name or an address.");
            if (request.SmtpPort is not (>= 1 and <= 65535)) errors.Add("smtpPort", "The port must be between 1 and 65535 (587 for STARTTLS, 465 for TLS, 25 plain).");
            if (request.SmtpSecurity is not null && !TryParseEnum(request.SmtpSecurity, out security))
                errors.Add("smtpSecurity", "Use none, startTls or tls.");
            if (!IsAddress(request.From)) errors.Add("from", "The sender must be one e-mail address.");
            if (to.Count == 0) errors.Add("to", "At least one recipient is required.");
            else if (to.Count > MaxRecipients) errors.Add("to", $"At most {MaxRecipients} recipients.");
            for (var i = 0; i < to.Count && i < MaxRecipients; i++)
                if (!IsAddress(to[i])) errors.Add("to", $"Entry {i + 1} '{Shorten(to[i])}' is not an e-mail address.");
            if (request.SmtpUser?.Length > 200) errors.Add("smtpUser", "The user must be at most 200 characters.");
            if (string.IsNullOrEmpty(request.SmtpUser) && !string.IsNullOrEmpty(request.SmtpPassword))
                errors.Add("smtpUser", "A password needs a user.");
        }
        else if (errors.Fields.All(f => f != "kind"))
        {
            if (request.Url is null && channel?.ProtectedUrl is null) errors.Add("url", "A URL is required.");
            else if (request.Url is not null && (!Uri.TryCreate(request.Url.Trim(), UriKind.Absolute, out url) || url.Scheme is not ("http" or "https") || request.Url.Length > 2000))
                errors.Add("url", "The URL must be an absolute http or https URL (at most 2000 characters).");
            else if (kind == ChannelKind.Ntfy && url is not null && url.AbsolutePath.Trim('/') is var topic && (topic.Length == 0 || topic.Contains('/')))
                errors.Add("url", "The ntfy URL must name the topic: https://ntfy.sh/mytopic.");
            if (request.Token?.Length > 1000) errors.Add("token", "The token must be at most 1000 characters.");
            if (request.Token?.Any(char.IsControl) == true) errors.Add("token", "The token must not contain control characters.");
        }
        if (!errors.IsEmpty) return StoreResult<NotificationChannelResponse>.Invalid(errors.ToDictionary());

        if (channel is null) db.NotificationChannels.Add(channel = new NotificationChannel { Name = name, Kind = kind, CreatedAt = clock.GetUtcNow() });
        channel.Name = name;
        channel.Enabled = request.Enabled;
        channel.MaxPerMinute = request.MaxPerMinute ?? 5;
        if (kind == ChannelKind.Email)
        {
            channel.SmtpHost = request.SmtpHost!.Trim();
            channel.SmtpPort = request.SmtpPort!.Value;
            channel.SmtpSecurity = security;
            channel.SmtpUser = string.IsNullOrEmpty(request.SmtpUser) ? null : request.SmtpUser;
            if (channel.SmtpUser is null) channel.ProtectedSmtpPassword = null;
            else if (request.SmtpPassword is not null) channel.ProtectedSmtpPassword = request.SmtpPassword.Length == 0 ? null : protector.Protect(request.SmtpPassword);
            channel.FromAddress = request.From!.Trim();
            channel.ToAddresses = string.Join('\n', to);
        }
        else
        {
            if (url is not null)
            {
                channel.ProtectedUrl = protector.Protect(url.AbsoluteUri);
                channel.UrlOrigin = url.GetLeftPart(UriPartial.Authority);
            }
            if (request.Token is not null) channel.ProtectedToken = request.Token.Length == 0 ? null : protector.Protect(request.Token);
        }
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<NotificationChannelResponse>.Ok(ToResponse(channel));
    }

    private static NotificationChannelResponse ToResponse(NotificationChannel c) => new()
    {
        Id = c.Id, Name = c.Name, Kind = Camel(c.Kind.ToString()), Enabled = c.Enabled, MaxPerMinute = c.MaxPerMinute,
        SmtpHost = c.Kind == ChannelKind.Email ? c.SmtpHost : null, SmtpPort = c.Kind == ChannelKind.Email ? c.SmtpPort : null,
        SmtpSecurity = c.Kind == ChannelKind.Email ? Camel(c.SmtpSecurity.ToString()) : null, SmtpUser = c.SmtpUser,
        SmtpPasswordSet = c.ProtectedSmtpPassword is not null, From = c.FromAddress, To = Recipients(c.ToAddresses),
        UrlSet = c.ProtectedUrl is not null, UrlOrigin = c.UrlOrigin, TokenSet = c.ProtectedToken is not null,
    };

    private string? Unprotect(string? value) => value is null ? null : protector.Unprotect(value);

    private static IReadOnlyList<string> Recipients(string? stored) => stored?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];

    private static bool TryParseEnum<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    private static bool IsAddress(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= 320 && MailAddress.TryCreate(text.Trim(), out var a) && a.Address == text.Trim();

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
