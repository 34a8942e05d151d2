using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SyncConsole.Web.Tests;

/// <summary>The real host with every job's fail log retried by Quartz every 2 seconds (a test-only policy, no setting), auto-heal off.</summary>
public sealed class ShortRetryFactory : SyncConsoleFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton(sp =>
            new FailLogRetryPolicy(sp.GetRequiredService<TimeProvider>(), intervalSecondsOverride: 2))));
        // What these tests pin is Quartz's retry; auto-heal would retry as well.
        builder.UseSetting("SyncConsole:AutoHeal:Enabled", "false");
    }
}
