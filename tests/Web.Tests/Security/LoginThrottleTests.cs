using System.Net;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Tests.Security;

/// <summary>Locks the admin login of its own host, so it has a factory of its own.</summary>
public sealed class LoginThrottleTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    [Fact]
    public async Task Login_FiveWrongPasswords_LocksEvenTheRightPasswordWithClearMessage()
    {
        using var client = factory.CreateAnonymousClient();
        for (var i = 1; i < LoginThrottle.FreeAttempts; i++)
            Assert.Contains("error=invalid", (await SyncConsoleFactory.PostLoginAsync(client, "admin", $"guess {i}")).Headers.Location!.OriginalString);

        var fifth = await SyncConsoleFactory.PostLoginAsync(client, "admin", "guess 5");
        var withRightPassword = await SyncConsoleFactory.PostLoginAsync(client, "admin", SyncConsoleFactory.AdminPassword);

        Assert.Contains("error=locked", fifth.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, withRightPassword.StatusCode);
        Assert.Contains("error=locked", withRightPassword.Headers.Location!.OriginalString);
        Assert.Contains("Too many failed attempts. Try again in", await client.GetStringAsync(withRightPassword.Headers.Location));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 30)]
    [InlineData(6, 60)]
    [InlineData(8, 240)]
    [InlineData(50, 900)]
    public void LockFor_ConsecutiveFailures_GrowsAndIsCapped(int failures, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), LoginThrottle.LockFor(failures));
}
