using SyncConsole.Web.Security;

namespace SyncConsole.Web.Hosting;

/// <summary>What start-up found, for the console banner.</summary>
public sealed record StartupReport(InitialPasswordSource PasswordSource, string? GeneratedPassword, bool ApiKeyFromEnvironment, RsyncStatus Rsync);
