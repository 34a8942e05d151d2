using Microsoft.Extensions.Time.Testing;
using SyncConsole.Engine.Alerts;

namespace SyncConsole.Engine.Tests.Alerts;

public sealed class RateLimitedOutboxTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    private AlertMessage Message(int i) => new() { Event = AlertEventType.Alert, Subject = $"alert {i}", Text = "t", At = clock.GetUtcNow() };

    [Fact]
    public void WithinTheLimit_EverythingGoesAtOnce()
    {
        var outbox = new RateLimitedOutbox(3, clock);
        outbox.Enqueue([Message(1), Message(2), Message(3)]);
        Assert.Equal(["alert 1", "alert 2", "alert 3"], outbox.TakeDue().Select(m => m.Subject));
        Assert.Equal(0, outbox.Waiting);
    }

    [Fact]
    public void AFlood_IsTheLimitMinusOneAndOneSummaryNamingTheRest()
    {
        var outbox = new RateLimitedOutbox(3, clock);
        outbox.Enqueue(Enumerable.Range(1, 10).Select(Message));

        var due = outbox.TakeDue();

        Assert.Equal(3, due.Count);
        Assert.Equal(["alert 1", "alert 2"], due.Take(2).Select(m => m.Subject));
        var summary = due[2];
        Assert.Equal(AlertEventType.Summary, summary.Event);
        Assert.Equal(Enumerable.Range(3, 8).Select(i => $"alert {i}"), summary.Summarized);
        Assert.Contains("8 more", summary.Subject);
    }

    [Fact]
    public void LimitReached_MessagesWaitForTheMinuteToPass_ThenGo()
    {
        var outbox = new RateLimitedOutbox(2, clock);
        outbox.Enqueue([Message(1), Message(2)]);
        Assert.Equal(2, outbox.TakeDue().Count);

        clock.Advance(TimeSpan.FromSeconds(30));
        outbox.Enqueue([Message(3)]);
        Assert.Empty(outbox.TakeDue());
        Assert.Equal(1, outbox.Waiting);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(outbox.TakeDue());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("alert 3", Assert.Single(outbox.TakeDue()).Subject);
    }

    [Fact]
    public void ALimitOfOne_SendsTheFloodAsOneSummary()
    {
        var outbox = new RateLimitedOutbox(1, clock);
        outbox.Enqueue([Message(1), Message(2)]);
        var only = Assert.Single(outbox.TakeDue());
        Assert.Equal(AlertEventType.Summary, only.Event);
        Assert.Equal(["alert 1", "alert 2"], only.Summarized);
    }
}
