using SyncConsole.Engine.Running;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Dashboard;

namespace SyncConsole.Web.Tests.Dashboard;

public class JobBadgeTests
{
    [Fact]
    public void LongDegradedReason_ChipStaysShort_TheFullReasonStaysInTheStatus()
    {
        var reason = "remote 'daemon1': " + new string('x', 240);
        var status = new JobStatusResponse
        {
            JobId = 1, State = JobState.Watching, Health = JobHealth.Degraded, HealthReasons = [reason],
            Remotes = [new RemoteStatusResponse { RemoteId = 1, Name = "daemon1", Reachability = Reachability.Reachable }],
        };

        var text = JobBadge.Text(status);

        Assert.StartsWith("degraded: remote 'daemon1': x", text);
        Assert.EndsWith("…", text);
        Assert.True(text.Length <= 60, text);
    }
}
