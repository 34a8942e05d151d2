using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SyncConsole.Web.Tests.Faults;

namespace SyncConsole.Web.Tests.Notifications;

/// <summary>The real host (optionally on another host's data directory, i.e. that host restarted) evaluating the alert rules twice a second, with every log line down to Trace recorded (leak checks).</summary>
public sealed class AlertsFactory : SyncConsoleFactory
{
    /// <summary>Another host's data directory: this host is that one restarted.</summary>
    public string? SharedDataDirectory { get; init; }

    public RecordingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SyncConsole:Alerts:IntervalSeconds", "0.5");
        // A second host on the first one's data directory is that host restarted.
        if (SharedDataDirectory is not null) builder.UseSetting("SyncConsole:DataDirectory", SharedDataDirectory);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs)
            .AddFilter<RecordingLoggerProvider>(null, LogLevel.Trace));
    }
}
