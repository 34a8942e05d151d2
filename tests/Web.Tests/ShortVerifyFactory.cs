using Microsoft.AspNetCore.Hosting;

namespace SyncConsole.Web.Tests;

/// <summary>The real host with every verify schedule firing every 2 seconds (the test-only override).</summary>
public sealed class ShortVerifyFactory : SyncConsoleFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SyncConsole:VerifyIntervalSeconds", "2");
    }
}
