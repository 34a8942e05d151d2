using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SyncConsole.Web.Tests.Faults;

namespace SyncConsole.Web.Tests.Notifications;

/// <summary>The real host evaluating the alert rules twice a second, with every log line down to Trace recorded (leak checks).</summary>
public sealed class AlertsFactory : SyncConsoleFactory
{
    public RecordingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SyncConsole:Alerts:IntervalSeconds", "0.5");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs)
            .AddFilter<RecordingLoggerProvider>(null, LogLevel.Trace));
    }
}
