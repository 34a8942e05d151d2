namespace SyncConsole.Web.Contracts;

public sealed record RsyncInfo(bool Available, string? Path, string? Version, string? Problem);
