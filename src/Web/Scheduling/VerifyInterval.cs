namespace SyncConsole.Web.Scheduling;

/// <summary>
/// How often a job's scheduled verify fires: its own minutes. <paramref name="everyJob"/> replaces that for every
/// job; only tests pass one (to see a verify fire within seconds), it is no configuration setting.
/// </summary>
public sealed class VerifyInterval(TimeSpan? everyJob = null)
{
    public TimeSpan For(int minutes) => everyJob is { } every && every > TimeSpan.Zero ? every : TimeSpan.FromMinutes(minutes);
}
