using Microsoft.AspNetCore.Hosting;

namespace SyncConsole.Web.Tests;

/// <summary>The real host with auto-heal off: a remote that comes back is retried only when the test asks (or the hourly slot).</summary>
public sealed class ManualRetryFactory : SyncConsoleFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SyncConsole:AutoHeal:Enabled", "false");
    }
}
