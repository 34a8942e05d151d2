namespace SyncConsole.Web.Contracts;

public sealed record SystemInfoResponse(string Version, DateTimeOffset StartedAt, string DataDirectory, RsyncInfo Rsync);
