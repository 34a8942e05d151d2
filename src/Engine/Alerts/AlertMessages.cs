using System.Globalization;

namespace SyncConsole.Engine.Alerts;

/// <summary>The words of alerts and recoveries: one subject line and a short text, the same for every channel.</summary>
public static class AlertMessages
{
    public const string Prefix = "[SyncConsole]";

    public static AlertMessage Alert(AlertCondition c, long incidentId, DateTimeOffset at)
    {
        var since = c.Since ?? at;
        var subject = $"{Prefix} ALERT: {c.Title}" + (at - since >= TimeSpan.FromMinutes(1) ? $" for {Duration(at - since)}" : "");
        var lines = new List<string> { $"{Capitalise(c.Title)} since {Stamp(since)}." };
        if (c.Detail.Length > 0) lines.Add(c.Detail);
        lines.Add(Advice(c.Kind));
        lines.Add("You get one message when this recovers; nothing more meanwhile.");
        return new AlertMessage
        {
            Event = AlertEventType.Alert, Kind = c.Kind, IncidentId = incidentId, Key = c.Key, Subject = subject, Text = string.Join("\n", lines),
            JobId = c.JobId, JobName = c.JobName, RemoteId = c.RemoteId, RemoteName = c.RemoteName, Since = since, At = at,
        };
    }

    public static AlertMessage Recovery(OpenIncident i, DateTimeOffset at) => new()
    {
        Event = AlertEventType.Recovery, Kind = i.Kind, IncidentId = i.Id, Key = i.Key,
        Subject = $"{Prefix} RECOVERED: {i.Title}",
        Text = $"Resolved: {i.Title} (alerted at {Stamp(i.OpenedAt)}; recovered at {Stamp(at)}, after {Duration(at - i.OpenedAt)}).",
        JobId = i.JobId, RemoteId = i.RemoteId, Since = i.OpenedAt, At = at,
    };

    public static AlertMessage Summary(IReadOnlyList<AlertMessage> held, DateTimeOffset at) => new()
    {
        Event = AlertEventType.Summary, Subject = $"{Prefix} {held.Count} more notification(s) (rate limit)",
        Text = "Held back by the channel's rate limit:\n" + string.Join("\n", held.Select(m => "- " + m.Subject)),
        At = at, Summarized = held.Select(m => m.Subject).ToList(),
    };

    public static AlertMessage Test(string channelName, DateTimeOffset at) => new()
    {
        Event = AlertEventType.Test, Subject = $"{Prefix} test notification",
        Text = $"A test from SyncConsole's Settings → Notifications (channel '{channelName}'). If you read this, the channel works.", At = at,
    };

    public static string Duration(TimeSpan span) => span.TotalMinutes < 1 ? $"{Math.Max(0, (int)span.TotalSeconds)} s"
        : span.TotalHours < 2 ? $"{(int)span.TotalMinutes} min"
        : span.TotalDays < 2 ? $"{span.TotalHours:0.#} h" : $"{span.TotalDays:0.#} days";

    private static string Stamp(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Advice(AlertKind kind) => kind switch
    {
        AlertKind.RemoteUnreachable => "Changes wait in the fail log and are delivered by themselves once the remote answers (auto-heal).",
        AlertKind.FailLogStale => "See the Fail log page: Retry, or fix the cause the entry names.",
        AlertKind.JobError => "The job delivers nothing new until this is fixed; see its status on the dashboard.",
        AlertKind.VerifyDifferences => "See the job's last verify; a full sync or 'make identical' repairs it.",
        AlertKind.DeletionHeld => "Nothing was deleted. Confirm or cancel the held run on the dashboard or the Jobs page.",
        _ => "",
    };
}
