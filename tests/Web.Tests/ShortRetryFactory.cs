using Microsoft.AspNetCore.Hosting;

namespace SyncConsole.Web.Tests;

/// <summary>The real host with every job's fail log retried by Quartz every 2 seconds (the test-only override), auto-heal off.</summary>
public sealed class ShortRetryFactory : SyncConsoleFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SyncConsole:RetryIntervalSeconds", "2");
        // What these tests pin is Quartz's retry; auto-heal would retry as well.
        builder.UseSetting("SyncConsole:AutoHeal:Enabled", "false");
    }
}
