using System.Text;

namespace SyncConsole.Web.Hosting;

/// <summary>The console text that tells a first-time user where the appliance listens and how to log in.</summary>
public static class StartupBanner
{
    /// <param name="toTerminal">
    /// Whether stdout is a terminal someone reads now. Only then is a generated password printed: redirected stdout
    /// (systemd's journal, docker logs, a log file) is a log, and a password in a log outlives its use.
    /// </param>
    public static string Render(StartupReport report, IEnumerable<string> urls, SyncConsolePaths paths, bool toTerminal = false)
    {
        var text = new StringBuilder();
        var line = new string('=', 72);
        text.AppendLine().AppendLine(line);
        text.AppendLine($"  SyncConsole {SystemState.Version} is running");
        foreach (var url in urls) text.AppendLine($"  Open:      {url}");
        text.AppendLine("  User:      admin");
        text.AppendLine(report.PasswordSource switch
        {
            Security.InitialPasswordSource.Generated when toTerminal =>
                $"  Password:  {report.GeneratedPassword}   (generated; shown once, also in {paths.InitialPasswordFile})",
            Security.InitialPasswordSource.Generated =>
                $"  Password:  generated, in {paths.InitialPasswordFile} (readable by the service user only)",
            Security.InitialPasswordSource.Environment => $"  Password:  from {EnvironmentVariables.AdminPassword}",
            _ => File.Exists(paths.InitialPasswordFile)
                ? $"  Password:  in {paths.InitialPasswordFile} (until you change it under Settings)"
                : "  Password:  the one you set under Settings",
        });
        text.AppendLine(report.ApiKeyFromEnvironment
            ? $"  API key:   from {EnvironmentVariables.ApiKey} (header X-Api-Key)"
            : "  API key:   shown on the Settings page (header X-Api-Key)");
        text.AppendLine($"  Data:      {paths.DataDirectory}");
        text.AppendLine(report.Rsync.Available
            ? $"  rsync:     {report.Rsync.Version} ({report.Rsync.Path})"
            : $"  rsync:     MISSING. {report.Rsync.Problem}");
        text.AppendLine(line);
        return text.ToString();
    }
}
