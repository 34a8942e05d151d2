using System.Net.Http.Json;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Api;

public sealed class SystemEndpointsTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task GetSystem_RsyncInstalled_ReportsItsVersionAndTheDataDirectory()
    {
        using var client = factory.CreateApiClient();

        var info = (await client.GetFromJsonAsync<SystemInfoResponse>("/api/system"))!;

        Assert.True(info.Rsync.Available, info.Rsync.Problem);
        Assert.Matches(@"^\d+\.\d+", info.Rsync.Version!);
        Assert.Equal(Path.GetFullPath(factory.DataDirectory), info.DataDirectory);
    }
}
