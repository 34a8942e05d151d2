namespace SyncConsole.Web.Contracts;

/// <summary>
/// The system settings the Settings page edits: the fail-log retry interval, the global rsync cap and the folders
/// a web import may read rsync password files from. In a request, a missing field keeps its current value.
/// </summary>
public sealed record SystemSettingsDto
{
    public int? RetryIntervalMinutes { get; init; }
    public int? MaxConcurrentRsync { get; init; }
    public IReadOnlyList<string>? PasswordFileDirectories { get; init; }
}
