using SyncConsole.Engine.Alerts;

namespace SyncConsole.Engine.Tests.Alerts;

public sealed class IncidentTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<AlertRule> Rules = [new(AlertKind.RemoteUnreachable, true, 5), new(AlertKind.JobError, true, 2), new(AlertKind.VerifyDifferences, true, 0)];

    private static AlertCondition Down(DateTimeOffset since) =>
        new() { Key = "remoteUnreachable:1", Kind = AlertKind.RemoteUnreachable, RemoteId = 1, Since = since, Title = "remote 'b' unreachable" };

    private static AlertObservations See(params AlertCondition[] problems) => new(problems, new HashSet<string>());

    private static OpenIncident Open(AlertCondition c, long id, DateTimeOffset at) =>
        new() { Id = id, Key = c.Key, Kind = c.Kind, Title = c.Title, OpenedAt = at, RemoteId = c.RemoteId };

    [Fact]
    public void Outage_AlertsOnceAfterItsMinutes_NotBefore_NotAgain_ThenOneRecovery()
    {
        var tracker = new IncidentTracker();
        var down = Down(T0);

        Assert.Empty(tracker.Decide(See(down), Rules, [], T0.AddMinutes(4)).Opened);
        var opened = Assert.Single(tracker.Decide(See(down), Rules, [], T0.AddMinutes(5)).Opened);
        Assert.Equal(T0, opened.Since);

        // Stored as open: seen again for an hour, no second alert, no recovery.
        var open = new[] { Open(down, 1, T0.AddMinutes(5)) };
        for (var m = 6; m < 60; m++)
            Assert.True(tracker.Decide(See(down), Rules, open, T0.AddMinutes(m)).IsEmpty);

        var recovered = tracker.Decide(See(), Rules, open, T0.AddMinutes(61));
        Assert.Equal(1, Assert.Single(recovered.Recovered).Id);
        Assert.Empty(recovered.Opened);
    }

    [Fact]
    public void ShortOutage_ShorterThanTheRule_NeverAlertsNorRecovers()
    {
        var tracker = new IncidentTracker();
        Assert.True(tracker.Decide(See(Down(T0)), Rules, [], T0.AddMinutes(3)).IsEmpty);
        Assert.True(tracker.Decide(See(), Rules, [], T0.AddMinutes(4)).IsEmpty);
    }

    [Fact]
    public void UncertainKey_KeepsTheIncidentOpen_AfterARestart()
    {
        var tracker = new IncidentTracker();
        var open = new[] { Open(Down(T0), 7, T0.AddMinutes(5)) };
        var unknown = new AlertObservations([], new HashSet<string> { "remoteUnreachable:1" });

        Assert.True(tracker.Decide(unknown, Rules, open, T0.AddMinutes(10)).IsEmpty);
        // A new outage start after the restart is the same incident: still no second alert.
        Assert.True(tracker.Decide(See(Down(T0.AddMinutes(11))), Rules, open, T0.AddMinutes(30)).IsEmpty);
    }

    [Fact]
    public void ConditionWithoutStart_CountsFromFirstSeen_AndForgetsWhenItClears()
    {
        var tracker = new IncidentTracker();
        var error = new AlertCondition { Key = "jobError:3", Kind = AlertKind.JobError, JobId = 3, Title = "job 'x' in error" };

        Assert.Empty(tracker.Decide(See(error), Rules, [], T0).Opened);
        Assert.Empty(tracker.Decide(See(error), Rules, [], T0.AddMinutes(1)).Opened);
        Assert.Empty(tracker.Decide(See(), Rules, [], T0.AddMinutes(1.5)).Opened);
        Assert.Empty(tracker.Decide(See(error), Rules, [], T0.AddMinutes(2)).Opened);
        Assert.Equal(T0.AddMinutes(2), Assert.Single(tracker.Decide(See(error), Rules, [], T0.AddMinutes(4)).Opened).Since);
    }

    [Fact]
    public void DisabledRule_NeverAlerts_AndClosesItsOpenIncidentWithoutRecovery()
    {
        var tracker = new IncidentTracker();
        IReadOnlyList<AlertRule> off = [new(AlertKind.RemoteUnreachable, false, 0)];
        var down = Down(T0);

        Assert.Empty(tracker.Decide(See(down), off, [], T0.AddHours(1)).Opened);
        var decision = tracker.Decide(See(down), off, [Open(down, 2, T0)], T0.AddHours(1));
        Assert.Empty(decision.Recovered);
        Assert.Equal(2, Assert.Single(decision.Dropped).Id);
    }

    [Fact]
    public void SameKeyTwiceInOneObservation_IsOneIncident()
    {
        var tracker = new IncidentTracker();
        var v = new AlertCondition { Key = "verifyDifferences:1:2", Kind = AlertKind.VerifyDifferences, Since = T0, Title = "verify" };
        Assert.Single(tracker.Decide(See(v, v with { Detail = "again" }), Rules, [], T0).Opened);
    }

    [Fact]
    public void Complete_FillsKindsTheStoredRulesDoNotName()
    {
        var rules = AlertRule.Complete([new AlertRule(AlertKind.JobError, false, 9)]);
        Assert.Equal(Enum.GetValues<AlertKind>().Length, rules.Count);
        Assert.Equal(new AlertRule(AlertKind.JobError, false, 9), rules.Single(r => r.Kind == AlertKind.JobError));
        Assert.Equal(AlertRule.Defaults.Single(r => r.Kind == AlertKind.RemoteUnreachable), rules.Single(r => r.Kind == AlertKind.RemoteUnreachable));
    }
}
