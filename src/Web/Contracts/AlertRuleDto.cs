namespace SyncConsole.Web.Contracts;

/// <summary>One alert rule in <c>GET/PUT /api/notifications/rules</c>.</summary>
public sealed record AlertRuleDto
{
    /// <summary>remoteUnreachable, failLogStale, jobError, verifyDifferences or deletionHeld.</summary>
    public string? Kind { get; init; }
    public bool Enabled { get; init; }
    /// <summary>How long the condition must last before the alert (0 = at once; up to 10080).</summary>
    public int Minutes { get; init; }
}

/// <summary>An alerted problem in <c>GET /api/notifications/incidents</c>.</summary>
public sealed record AlertIncidentResponse
{
    public required long Id { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public int? JobId { get; init; }
    public int? RemoteId { get; init; }
    public DateTimeOffset Since { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public bool RecoveryNotified { get; init; }
}

/// <summary>What <c>POST /api/notifications/channels/{id}/test</c> found: sent, or the exact error.</summary>
public sealed record ChannelTestResponse(bool Ok, string Message);
