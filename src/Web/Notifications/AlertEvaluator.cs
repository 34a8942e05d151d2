using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Alerts;
using SyncConsole.Engine.Events;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Notifications;

/// <summary>
/// Evaluates the alert rules every <see cref="AlertsOptions.IntervalSeconds"/> (and soon after an engine event that may
/// start or end an incident): opens an incident per new problem, closes it when the problem is gone, stores both before
/// anything is sent (a restart neither repeats an alert nor forgets an open one) and hands the messages to the channels.
/// </summary>
public sealed class AlertEvaluator(
    IDbContextFactory<SyncConsoleDbContext> dbFactory, AlertConditionCollector collector, NotificationStore store,
    NotificationDispatcher dispatcher, EngineEventStream events, IOptions<SyncConsoleOptions> options, TimeProvider clock,
    ILogger<AlertEvaluator> logger) : BackgroundService
{
    private static readonly HashSet<EngineEventKind> Triggers =
    [
        EngineEventKind.JobError, EngineEventKind.JobStateChanged, EngineEventKind.DeletionHeld, EngineEventKind.DeletionConfirmed,
        EngineEventKind.DeletionCancelled, EngineEventKind.VerifyFinished, EngineEventKind.FailLogResolved, EngineEventKind.FailLogDiscarded,
    ];

    private readonly IncidentTracker tracker = new();
    private readonly SemaphoreSlim evaluating = new(1, 1);
    private readonly SemaphoreSlim wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(options.Value.Alerts.IntervalSeconds, 0.2, 3600));
        using var subscription = events.Subscribe(256);
        _ = WatchEventsAsync(subscription, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EvaluateAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Evaluating the alert rules failed; trying again in {Seconds} s", interval.TotalSeconds);
            }
            try
            {
                // Whichever comes first: the interval, or an event that may change an incident.
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(interval, clock, tick.Token);
                await Task.WhenAny(delay, wake.WaitAsync(tick.Token));
                await tick.CancelAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
        }
    }

    /// <summary>One evaluation: decide, store, send. Serialised; tests call it directly.</summary>
    public async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        await evaluating.WaitAsync(cancellationToken);
        try
        {
            var rules = await store.LoadRulesAsync(cancellationToken);
            var observations = await collector.CollectAsync(cancellationToken);
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var openRows = await db.AlertIncidents.Where(i => i.ClosedAt == null).ToListAsync(cancellationToken);
            var open = openRows.Select(i => new OpenIncident
            {
                Id = i.Id, Key = i.Key, Kind = i.Kind, Title = i.Title, OpenedAt = i.OpenedAt, JobId = i.JobId, RemoteId = i.RemoteId,
            }).ToList();
            var decision = tracker.Decide(observations, rules, open, now);

            var messages = new List<AlertMessage>();
            if (!decision.IsEmpty)
            {
                var added = decision.Opened.Select(c => (Condition: c, Row: new AlertIncident
                {
                    Key = c.Key, Kind = c.Kind, JobId = c.JobId, RemoteId = c.RemoteId, Title = c.Title, Since = c.Since ?? now, OpenedAt = now,
                })).ToList();
                db.AlertIncidents.AddRange(added.Select(a => a.Row));
                foreach (var closed in decision.Recovered.Concat(decision.Dropped))
                {
                    var row = openRows.Single(r => r.Id == closed.Id);
                    row.ClosedAt = now;
                    row.RecoveryNotified = decision.Recovered.Contains(closed);
                }
                // Stored first: a crash between storing and sending loses a message, never repeats one.
                await db.SaveChangesAsync(cancellationToken);
                messages.AddRange(added.Select(a => AlertMessages.Alert(a.Condition, a.Row.Id, now)));
                messages.AddRange(decision.Recovered.Select(i => AlertMessages.Recovery(i, now)));
                foreach (var m in messages) logger.LogInformation("{Subject}", m.Subject);
            }
            // Also with no new message: what a channel's rate limit held back last time goes out when it may.
            var channels = await store.LoadForSendingAsync(null, cancellationToken);
            if (channels.Count > 0) await dispatcher.DispatchAsync(channels, messages, cancellationToken);
        }
        finally
        {
            evaluating.Release();
        }
    }

    private async Task WatchEventsAsync(EngineEventStream.Subscription subscription, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in subscription.Reader.ReadAllAsync(stoppingToken))
                if (Triggers.Contains(e.Kind) && wake.CurrentCount == 0)
                {
                    try { wake.Release(); }
                    catch (SemaphoreFullException) { }
                }
        }
        catch (OperationCanceledException) { }
    }
}
