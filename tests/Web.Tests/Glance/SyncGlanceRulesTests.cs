using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Glance;

namespace SyncConsole.Web.Tests.Glance;

public class SyncGlanceRulesTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);

    private static RemoteStatusResponse Remote(Reachability reach = Reachability.Reachable) =>
        new() { RemoteId = 1, Name = "backup", Reachability = reach, LastContactAt = reach == Reachability.Reachable ? T : null };

    private static JobStatusResponse Job(JobState state = JobState.Watching, JobHealth health = JobHealth.Healthy, params RemoteStatusResponse[] remotes) =>
        new() { JobId = 1, State = state, Health = health, Remotes = remotes };

    [Fact]
    public void Reached_NothingWaiting_IsUpToDate()
    {
        var g = SyncGlanceRules.ForRemote(JobState.Watching, Remote());
        Assert.Equal(SyncState.UpToDate, g.State);
        Assert.Equal("Up to date", g.Text);
        Assert.False(g.IsProblem);
    }

    [Fact]
    public void NeverChecked_IsUnknown_NotGreen()
    {
        Assert.Equal(SyncState.Unknown, SyncGlanceRules.ForRemote(JobState.Watching, Remote(Reachability.Unknown)).State);
        // One checked remote does not make the job green while another is unchecked.
        var job = SyncGlanceRules.ForJob(Job(JobState.Watching, JobHealth.Unknown, Remote(), Remote(Reachability.Unknown) with { RemoteId = 2 }));
        Assert.Equal(SyncState.Unknown, job.State);
    }

    [Fact]
    public void Running_WithProgress_SaysThePercentage()
    {
        var r = Remote() with { Busy = true, Progress = new ProgressResponse { Run = "full sync", Percent = 45 } };
        var g = SyncGlanceRules.ForRemote(JobState.Syncing, r);
        Assert.Equal(SyncState.Syncing, g.State);
        Assert.Equal("Syncing 45 %", g.Text);
    }

    [Fact]
    public void FailLogPaths_AreOutOfSync_WithTheCount()
    {
        var g = SyncGlanceRules.ForRemote(JobState.Watching, Remote() with { FailLogPaths = 3 });
        Assert.Equal(SyncState.OutOfSync, g.State);
        Assert.Equal("Out of sync (3 items)", g.Text);
        Assert.True(g.IsProblem);
    }

    [Fact]
    public void VerifyDifferences_AreOutOfSync_UntilAFullSyncAfterIt()
    {
        var verify = new VerifyResultResponse { RemoteId = 1, VerifiedAt = T, Completed = true, DifferenceCount = 1 };
        var before = SyncGlanceRules.ForRemote(JobState.Watching, Remote() with { LastVerify = verify, LastFullSyncAt = T.AddMinutes(-5) });
        Assert.Equal("Out of sync (1 item)", before.Text);
        var after = SyncGlanceRules.ForRemote(JobState.Watching, Remote() with { LastVerify = verify, LastFullSyncAt = T.AddMinutes(5) });
        Assert.Equal(SyncState.UpToDate, after.State);
    }

    [Fact]
    public void Unreachable_WinsOverWaitingChanges_AndIsTheJobsState()
    {
        var down = Remote(Reachability.Unreachable) with { UnreachableReason = "Connection refused", FailLogPaths = 2 };
        Assert.Equal(SyncState.Unreachable, SyncGlanceRules.ForRemote(JobState.Watching, down).State);
        var job = SyncGlanceRules.ForJob(Job(JobState.Watching, JobHealth.Degraded, Remote(), down with { RemoteId = 2 }));
        Assert.Equal(SyncState.Unreachable, job.State);
        Assert.Equal("Connection refused", job.Detail);
    }

    [Theory]
    [InlineData(JobState.Paused, SyncState.Paused, "Paused")]
    [InlineData(JobState.Stopped, SyncState.Paused, "Disabled")]
    [InlineData(JobState.Error, SyncState.Error, "Error")]
    [InlineData(JobState.Starting, SyncState.Unknown, "Unknown")]
    public void JobThatDoesNotRun_SaysSo(JobState state, SyncState expected, string text)
    {
        var g = SyncGlanceRules.ForJob(Job(state, JobHealth.Unknown, Remote()));
        Assert.Equal(expected, g.State);
        Assert.Equal(text, g.Text);
    }

    [Fact]
    public void HeldRun_IsAnError_NamedAsHeld()
    {
        var held = Remote() with { HeldRun = new HeldRunResponse { Message = "would delete 300 of 300", WouldDelete = 300, RemoteEntries = 300, Reasons = [], Examples = [], HeldAt = T } };
        var g = SyncGlanceRules.ForRemote(JobState.Watching, held);
        Assert.Equal(SyncState.Error, g.State);
        Assert.StartsWith("Held", g.Text);
        // The runner puts the job in error while a run is held: the job's chip still says what to do.
        Assert.Equal("Held: deletes need confirming", SyncGlanceRules.ForJob(Job(JobState.Error, JobHealth.Degraded, held)).Text);
    }

    [Fact]
    public void NoRemote_IsAnError_ButAPluginOnlyJobIsNot()
    {
        Assert.Equal(SyncState.Error, SyncGlanceRules.ForJob(Job(JobState.Watching, JobHealth.Degraded)).State);
        Assert.NotEqual(SyncState.Error, SyncGlanceRules.ForJob(Job(JobState.Watching, JobHealth.Healthy), pluginOnly: true).State);
    }

    [Fact]
    public void DegradedJob_WithRemotesFine_NeedsAttention()
    {
        var status = Job(JobState.Watching, JobHealth.Degraded, Remote()) with { HealthReasons = ["overlaps job 'a'"] };
        var g = SyncGlanceRules.ForJob(status);
        Assert.Equal(SyncState.Warning, g.State);
        Assert.Equal("overlaps job 'a'", g.Detail);
    }

    [Fact]
    public void Overall_CountsProblems_LinksToTheFirst_AndIsGreenOnlyWhenAllChecked()
    {
        SyncGlance ok = new(SyncState.UpToDate, "Up to date"), down = new(SyncState.Unreachable, "Unreachable"),
            paused = new(SyncState.Paused, "Paused"), unknown = new(SyncState.Unknown, "Unknown");

        var bad = OverallGlance.Of([(1, "a", ok), (2, "b", down), (3, "c", new SyncGlance(SyncState.OutOfSync, "Out of sync (1 item)"))]);
        Assert.Equal(OverallState.Problems, bad.State);
        Assert.Equal(2, bad.Problems);
        Assert.Equal(2, bad.FirstProblemJobId);

        Assert.Equal(OverallState.AllGood, OverallGlance.Of([(1, "a", ok), (2, "b", paused)]).State);
        Assert.Equal(OverallState.Unknown, OverallGlance.Of([(1, "a", ok), (2, "b", unknown)]).State);
        Assert.Equal(OverallState.Unknown, OverallGlance.Of([]).State);
        // The first full sync to a remote nothing has reached yet: syncing, but the header is not green on faith.
        var firstRun = SyncGlanceRules.ForRemote(JobState.Syncing, Remote(Reachability.Unknown) with { Busy = true });
        Assert.Equal(SyncState.Syncing, firstRun.State);
        Assert.Equal(OverallState.Unknown, OverallGlance.Of([(1, "a", ok), (2, "b", firstRun)]).State);
        Assert.Equal(OverallState.Unknown, OverallGlance.Of([(1, "a", paused)]).State);
    }
}
