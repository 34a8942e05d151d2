using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SyncConsole.Web.Tests.Faults;

/// <summary>The test host with every log line, down to Trace, recorded.</summary>
public sealed class RecordingFactory : SyncConsoleFactory
{
    public RecordingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs)
            // A provider-specific rule beats the appsettings.json levels: this provider really sees Trace.
            .AddFilter<RecordingLoggerProvider>(null, LogLevel.Trace));
    }
}
