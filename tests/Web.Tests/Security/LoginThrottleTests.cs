using System.Net;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Tests.Security;

/// <summary>Failed logins are throttled per client address: whoever guesses slows only themselves down.</summary>
public sealed class LoginThrottleTests(ClientAddressFactory factory) : IClassFixture<ClientAddressFactory>
{
    [Fact]
    public async Task TwentyWrongLoginsFromOneAddress_DoNotLockOutTheAdminFromAnother()
    {
        using var attacker = factory.CreateClientFrom("192.0.2.66");
        var answers = new List<string>();
        for (var i = 1; i <= 20; i++)
            answers.Add((await SyncConsoleFactory.PostLoginAsync(attacker, "admin", $"guess {i}")).Headers.Location!.OriginalString);
        var attackerWithRightPassword = await SyncConsoleFactory.PostLoginAsync(attacker, "admin", SyncConsoleFactory.AdminPassword);

        using var admin = factory.CreateClientFrom("198.51.100.7");
        var adminLogin = await SyncConsoleFactory.PostLoginAsync(admin, "admin", SyncConsoleFactory.AdminPassword);

        Assert.All(answers.Take(10), a => Assert.Contains("error=invalid", a));
        Assert.All(answers.Skip(10), a => Assert.Contains("error=throttled", a));
        // The throttled address is not even checked: the right password does not get it in either.
        Assert.Contains("error=throttled", attackerWithRightPassword.Headers.Location!.OriginalString);
        Assert.Contains("Too many failed attempts. Try again in", await attacker.GetStringAsync(attackerWithRightPassword.Headers.Location));
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal("/", adminLogin.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task SuccessfulLogins_AreNotCounted()
    {
        using var client = factory.CreateClientFrom("203.0.113.5");
        for (var i = 0; i < 15; i++)
            Assert.Equal("/", (await SyncConsoleFactory.PostLoginAsync(client, "admin", SyncConsoleFactory.AdminPassword)).Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    public async Task LoginPage_BadRetryAfter_StillRenders(string retryAfter)
    {
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync($"/login?error=throttled&retryAfter={retryAfter}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Try again in 30 seconds", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64")]
    [InlineData(null, "unknown")]
    public void PartitionOf_GroupsIpv6ByItsSlash64(string? address, string expected) =>
        Assert.Equal(expected, LoginThrottle.PartitionOf(address is null ? null : IPAddress.Parse(address)));
}

/// <summary>The global ceiling: many addresses together cannot guess without end either.</summary>
public sealed class LoginGlobalCeilingTests(TinyGlobalCeilingFactory factory) : IClassFixture<TinyGlobalCeilingFactory>
{
    [Fact]
    public async Task FailuresFromManyAddresses_ReachTheGlobalCeiling()
    {
        for (var i = 1; i <= 3; i++)
        {
            using var guesser = factory.CreateClientFrom($"192.0.2.{i}");
            Assert.Contains("error=invalid", (await SyncConsoleFactory.PostLoginAsync(guesser, "admin", "guess")).Headers.Location!.OriginalString);
        }
        using var fourth = factory.CreateClientFrom("192.0.2.4");

        var answer = await SyncConsoleFactory.PostLoginAsync(fourth, "admin", "guess");

        Assert.Contains("error=throttled", answer.Headers.Location!.OriginalString);
    }
}

public sealed class LoginThrottleUnitTests
{
    [Fact]
    public void RecordFailure_PastTheAddressBudget_ThrottlesThatAddressOnly()
    {
        using var throttle = new LoginThrottle(Microsoft.Extensions.Options.Options.Create(new LoginThrottleOptions { FailuresPerAddress = 3 }));
        var guesser = IPAddress.Parse("192.0.2.1");
        for (var i = 0; i < 3; i++)
        {
            Assert.False(throttle.IsThrottled(guesser, out _));
            throttle.RecordFailure(guesser);
        }

        Assert.True(throttle.IsThrottled(guesser, out var wait));
        Assert.True(wait > TimeSpan.Zero);
        Assert.False(throttle.IsThrottled(IPAddress.Parse("192.0.2.2"), out _));
    }
}
