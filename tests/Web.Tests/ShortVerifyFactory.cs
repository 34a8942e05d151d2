using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncConsole.Web.Scheduling;

namespace SyncConsole.Web.Tests;

/// <summary>The real host with every verify schedule firing every 2 seconds (a test-only interval, no setting).</summary>
public sealed class ShortVerifyFactory : SyncConsoleFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton(new VerifyInterval(everyJob: TimeSpan.FromSeconds(2)))));
    }
}
