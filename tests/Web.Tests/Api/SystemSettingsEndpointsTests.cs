using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyncConsole.Data;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.FailLog;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Api;

/// <summary>The system settings of its own host: validated as a whole, stored, and applied to the running engine.</summary>
public sealed class SystemSettingsEndpointsTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task Put_BadValues_Returns400NamingEachFieldAndChangesNothing()
    {
        using var client = factory.CreateApiClient();
        var before = await client.GetStringAsync("/api/settings/system");

        var response = await client.PutAsJsonAsync("/api/settings/system",
            new { retryIntervalMinutes = 0, maxConcurrentRsync = 1000, passwordFileDirectories = new[] { "relative/dir" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Contains("retry interval", errors.GetProperty("retryIntervalMinutes")[0].GetString());
        Assert.Contains("rsync processes", errors.GetProperty("maxConcurrentRsync")[0].GetString());
        Assert.Contains("relative/dir", errors.GetProperty("passwordFileDirectories")[0].GetString());
        Assert.Equal(before, await client.GetStringAsync("/api/settings/system"));
    }

    [Fact]
    public async Task Put_Valid_AppliesToTheRunningEngineAndIsStored()
    {
        using var client = factory.CreateApiClient();
        var policy = factory.Services.GetRequiredService<FailLogRetryPolicy>();
        var limiter = factory.Services.GetRequiredService<RsyncConcurrencyLimiter>();
        var store = factory.Services.GetRequiredService<SystemSettingsStore>();
        var old = store.Current;

        var response = await client.PutAsJsonAsync("/api/settings/system",
            new { retryIntervalMinutes = 17, maxConcurrentRsync = 3, passwordFileDirectories = new[] { "/srv/secrets/", "/etc" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(17), policy.IntervalFor(null));
        Assert.Equal(3, limiter.Max);
        Assert.Equal(["/srv/secrets", "/etc"], store.PasswordFileDirectories);
        using var body = JsonDocument.Parse(await client.GetStringAsync("/api/settings/system"));
        Assert.Equal(17, body.RootElement.GetProperty("retryIntervalMinutes").GetInt32());

        // What a restart does: a fresh store over the same database applies the stored values.
        var freshPolicy = new FailLogRetryPolicy(TimeProvider.System, 60);
        using var freshLimiter = new RsyncConcurrencyLimiter(8);
        var fresh = new SystemSettingsStore(factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>(),
            factory.Services.GetRequiredService<IOptions<SyncConsoleOptions>>(), freshPolicy, freshLimiter, new JobChangeNotifier(), TimeProvider.System);
        await fresh.LoadAsync(CancellationToken.None);
        Assert.Equal(17, freshPolicy.DefaultIntervalMinutes);
        Assert.Equal(3, freshLimiter.Max);
        Assert.Equal(["/srv/secrets", "/etc"], fresh.PasswordFileDirectories);

        // Put it back so the order of tests in this class does not matter.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/settings/system", old)).StatusCode);
    }
}
