namespace SyncConsole.Web.Hosting;

/// <summary>Whether the rsync binary is usable, as found at start-up.</summary>
public sealed record RsyncStatus(bool Available, string? Path, string? Version, string? Problem);
