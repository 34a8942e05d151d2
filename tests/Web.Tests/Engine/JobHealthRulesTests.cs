using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Engine;

namespace SyncConsole.Web.Tests.Engine;

public class JobHealthRulesTests
{
    [Fact]
    public void UnreachableRemote_ReasonReadsAsOneSentence_WithTheUndeliveredCount()
    {
        var remote = new RemoteStatusResponse
        {
            RemoteId = 1, Name = "mirror", Reachability = Reachability.Unreachable, UnreachableSince = DateTimeOffset.UnixEpoch,
            UnreachableReason = "Connection refused: nothing is listening there.", PendingPaths = 1, FailLogPaths = 2,
        };

        var (health, reasons) = JobHealthRules.Evaluate(JobState.Watching, null, pluginOnly: false, reconcilesOnStart: true, [remote]);

        Assert.Equal(JobHealth.Degraded, health);
        var reason = Assert.Single(reasons);
        Assert.Contains("nothing is listening there; 3 change(s) not delivered", reason);
        Assert.DoesNotContain(".;", reason);
    }

    [Fact]
    public void WatchingJobWithALastingWarning_WatchLimit_IsDegradedAndSaysWhy()
    {
        var remote = new RemoteStatusResponse { RemoteId = 1, Name = "mirror", Reachability = Reachability.Reachable };
        const string why = "Out of inotify watches (ENOSPC) while watching '/srv': fs.inotify.max_user_watches is 8192 and this tree needs 9000 watches";

        var (health, reasons) = JobHealthRules.Evaluate(JobState.Watching, why, pluginOnly: false, reconcilesOnStart: true, [remote]);

        Assert.Equal((JobHealth.Degraded, why), (health, Assert.Single(reasons)));
        Assert.Equal(JobHealth.Healthy, JobHealthRules.Evaluate(JobState.Watching, null, false, true, [remote]).Health);
    }

    [Fact]
    public void StoredSettingsTheRulesRefuse_AreNeverHealthy_AndSayWhatToEdit()
    {
        var remote = new RemoteStatusResponse
        {
            RemoteId = 1, Name = "mirror", Reachability = Reachability.Reachable, SettingsProblem = "-q is not allowed: it silences the --stats the engine reads.",
        };

        var (health, reasons) = JobHealthRules.Evaluate(JobState.Watching, null, pluginOnly: false, reconcilesOnStart: true, [remote]);

        Assert.Equal(JobHealth.Degraded, health);
        Assert.Contains("remote 'mirror': nothing is delivered until the job or remote is edited: -q is not allowed", Assert.Single(reasons));
    }
}
