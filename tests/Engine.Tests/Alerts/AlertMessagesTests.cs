using SyncConsole.Engine.Alerts;

namespace SyncConsole.Engine.Tests.Alerts;

public sealed class AlertMessagesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Alert_SaysWhatSinceWhenAndTheSignalsWords_RecoverySaysHowLong()
    {
        var c = new AlertCondition
        {
            Key = "remoteUnreachable:1", Kind = AlertKind.RemoteUnreachable, RemoteId = 1, RemoteName = "backup", Since = T0,
            Title = "remote 'backup' unreachable", Detail = "Error in socket I/O: Connection refused",
        };
        var alert = AlertMessages.Alert(c, 5, T0.AddMinutes(12));
        Assert.Equal("[SyncConsole] ALERT: remote 'backup' unreachable for 12 min", alert.Subject);
        Assert.Contains("since 2026-12-07 12:00:00 UTC", alert.Text);
        Assert.Contains("Connection refused", alert.Text);

        var recovery = AlertMessages.Recovery(new OpenIncident { Id = 5, Key = c.Key, Kind = c.Kind, Title = c.Title, OpenedAt = T0.AddMinutes(12) }, T0.AddMinutes(42));
        Assert.Equal("[SyncConsole] RECOVERED: remote 'backup' unreachable", recovery.Subject);
        Assert.Contains("after 30 min", recovery.Text);
        Assert.Equal((AlertEventType.Recovery, 5L), (recovery.Event, recovery.IncidentId!.Value));
    }
}
