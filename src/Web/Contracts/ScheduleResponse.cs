namespace SyncConsole.Web.Contracts;

/// <summary>
/// <c>GET /api/jobs/{id}/schedule</c> and <c>GET /api/schedule/preview</c>: the full-sync schedule in words and its
/// next five fire times (UTC); <see cref="Description"/> is null when the job has no periodic full sync.
/// </summary>
public sealed record ScheduleResponse
{
    public string? Description { get; init; }
    public int? IntervalMinutes { get; init; }
    public string? Cron { get; init; }
    public IReadOnlyList<DateTimeOffset> NextFireTimes { get; init; } = [];
    /// <summary>How often the job's fail log is retried (for a saved job).</summary>
    public double? RetryIntervalMinutes { get; init; }
    public DateTimeOffset? NextRetryAt { get; init; }
    /// <summary>The job's scheduled verify (for a saved job); null when it is verified only on request.</summary>
    public int? VerifyIntervalMinutes { get; init; }
    /// <summary>The scheduled verify's next five fire times; empty when off or while the job is paused or disabled.</summary>
    public IReadOnlyList<DateTimeOffset> NextVerifyTimes { get; init; } = [];
}
