using System.Net;
using Microsoft.AspNetCore.Http;
using SyncConsole.Web.Api;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Tests.Monitoring;

public sealed class MetricsAccessTests
{
    private static HttpContext From(string address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return http;
    }

    [Fact]
    public void MayScrape_AllowListedAddress_IsAllowedWithoutCredentials()
    {
        var options = new MetricsOptions { AllowedAddresses = ["10.1.2.3", "127.0.0.1"] };

        Assert.True(MonitoringEndpoints.MayScrape(From("10.1.2.3"), options));
        Assert.True(MonitoringEndpoints.MayScrape(From("::ffff:127.0.0.1"), options));
        Assert.False(MonitoringEndpoints.MayScrape(From("10.1.2.4"), options));
    }

    [Fact]
    public void MayScrape_DefaultEmptyList_NeedsCredentials()
    {
        Assert.False(MonitoringEndpoints.MayScrape(From("127.0.0.1"), new MetricsOptions()));
    }
}
