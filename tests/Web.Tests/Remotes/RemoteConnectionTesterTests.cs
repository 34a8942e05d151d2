using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Remotes;

namespace SyncConsole.Web.Tests.Remotes;

/// <summary>Test connection against a real rsync daemon, with the password stored encrypted by the real host.</summary>
public sealed class RemoteConnectionTesterTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task TestAsync_StoredRemoteWithRightPassword_IsOk()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        File.WriteAllText(Path.Combine(daemon.ModulePath, "a.txt"), "a");
        var id = await SaveAsync(daemon, "probe-ok", daemon.Password);

        var result = await Tester().TestAsync(id, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Ok, result!.Outcome);
        Assert.Equal(1, result.FileCount);
    }

    [Fact]
    public async Task TestAsync_WrongPassword_IsAuthFailed()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        var id = await SaveAsync(daemon, "probe-bad-password", "wrong password");

        var result = await Tester().TestAsync(id, CancellationToken.None);

        Assert.Equal(ProbeOutcome.AuthFailed, result!.Outcome);
        Assert.DoesNotContain("wrong password", result.Message);
    }

    [Fact]
    public async Task TestAsync_UnknownRemote_IsNull() =>
        Assert.Null(await Tester().TestAsync(987_654, CancellationToken.None));

    private RemoteConnectionTester Tester()
    {
        using var _ = factory.CreateAnonymousClient(); // starts the host
        return factory.Services.GetRequiredService<RemoteConnectionTester>();
    }

    private async Task<int> SaveAsync(RsyncDaemonFixture daemon, string name, string password)
    {
        using var _ = factory.CreateAnonymousClient();
        var store = factory.Services.GetRequiredService<RemoteStore>();
        var saved = await store.CreateAsync(new RemoteRequest
        {
            Name = name, Host = "127.0.0.1", Port = daemon.Port, ModuleOrPath = daemon.ModuleName, User = daemon.User, Password = password, TimeoutSeconds = 20,
        }, CancellationToken.None);
        return saved.Value!.Id;
    }
}
