using SyncConsole.Engine.Delivery.Guard;
using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Tests.Delivery.Guard;

/// <summary>The guard's rule alone: when a run that deletes is held, and what it says.</summary>
public class DeletionGuardDecisionTests
{
    private static readonly DeletionGuardSettings Defaults = new();

    [Fact]
    public void EmptyWatchFolder_WithAnythingToDelete_IsHeld_EvenBelowTheMinimum()
    {
        var d = DeletionGuardDecision.Decide(Defaults, wouldDelete: 3, remoteEntries: 3, watchFolderEmpty: true, "8:1 ext4 / on /", "8:1 ext4 / on /");
        Assert.True(d.Hold);
        Assert.Equal(["the watch folder is empty"], d.Reasons);
        Assert.Equal("held: would delete 3 of 3 remote entries on 'backup'; the watch folder is empty", d.Describe("backup"));
    }

    [Fact]
    public void EmptyWatchFolder_AndEmptyRemote_IsNotHeld()
    {
        Assert.False(DeletionGuardDecision.Decide(Defaults, 0, 0, watchFolderEmpty: true, null, null).Hold);
    }

    [Fact]
    public void DeviceChanged_IsHeld_NamingBothFileSystems()
    {
        var d = DeletionGuardDecision.Decide(Defaults, 5, 50, false, deviceNow: "0:60 tmpfs / on /srv/www", lastHealthyDevice: "8:17 ext4 / on /srv/www");
        Assert.True(d.Hold);
        var reason = Assert.Single(d.Reasons);
        Assert.Contains("another file system", reason);
        Assert.Contains("now 0:60 tmpfs / on /srv/www, was 8:17 ext4 / on /srv/www", reason);
    }

    [Theory]
    [InlineData(null, "8:1 ext4 / on /")] // never healthy yet: nothing to compare with
    [InlineData("8:1 ext4 / on /", null)] // cannot tell now
    [InlineData("8:1 ext4 / on /", "8:1 ext4 / on /")]
    public void SameOrUnknownDevice_IsNotAReason(string? now, string? healthy)
    {
        Assert.False(DeletionGuardDecision.Decide(Defaults, 5, 50, false, now, healthy).Hold);
    }

    [Theory]
    [InlineData(20000, 20412, true)]  // the disaster
    [InlineData(101, 200, true)]      // just over half, and at least 100
    [InlineData(100, 200, false)]     // exactly half is not more than half
    [InlineData(99, 100, false)]      // most of a small remote: below the minimum count
    [InlineData(140, 300, false)]     // a large delete below the share goes through
    [InlineData(200, 300, true)]
    public void Share_AboveThePercent_AndAtLeastTheMinimum_IsHeld(int wouldDelete, int remoteEntries, bool held)
    {
        var d = DeletionGuardDecision.Decide(Defaults, wouldDelete, remoteEntries, false, null, null);
        Assert.Equal(held, d.Hold);
        if (held) Assert.Contains("more than the job's limit of 50 %", Assert.Single(d.Reasons));
    }

    [Fact]
    public void TheDisasterMessage_NamesTheNumbers_AndEveryReason()
    {
        var d = DeletionGuardDecision.Decide(Defaults, 20000, 20412, true, null, null);
        Assert.StartsWith("held: would delete 20000 of 20412 remote entries; the watch folder is empty; that is 97 % of the remote", d.Describe());
    }

    [Fact]
    public void CustomSettings_AreUsed()
    {
        var strict = new DeletionGuardSettings { MaxSharePercent = 10, MinCount = 5 };
        Assert.True(DeletionGuardDecision.Decide(strict, 6, 50, false, null, null).Hold);
        Assert.False(DeletionGuardDecision.Decide(strict, 4, 50, false, null, null).Hold);
        Assert.False(DeletionGuardDecision.Decide(strict, 5, 50, false, null, null).Hold); // 10 % exactly
    }

    [Theory]
    [InlineData(0, 99)]       // an empty remote: up to the minimum minus one
    [InlineData(150, 99)]
    [InlineData(300, 150)]    // half of it
    [InlineData(20412, 10206)]
    public void AllowedDeletes_IsTheLargestCountThatPasses(int remoteEntries, int allowed)
    {
        Assert.Equal(allowed, DeletionGuardDecision.AllowedFor(Defaults, remoteEntries));
        Assert.False(DeletionGuardDecision.Decide(Defaults, Math.Min(allowed, remoteEntries), remoteEntries, false, null, null).Hold);
        if (allowed < remoteEntries) Assert.True(DeletionGuardDecision.Decide(Defaults, allowed + 1, remoteEntries, false, null, null).Hold);
    }
}
