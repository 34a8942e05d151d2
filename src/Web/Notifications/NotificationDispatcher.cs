using SyncConsole.Engine.Alerts;

namespace SyncConsole.Web.Notifications;

/// <summary>
/// Hands messages to every enabled channel through the channel's own rate-limited outbox; a channel that fails is
/// logged with the exact reason (never a secret) and does not hold up the others.
/// </summary>
public sealed class NotificationDispatcher(IEnumerable<INotificationSender> senders, TimeProvider clock, ILogger<NotificationDispatcher> logger)
{
    private readonly Dictionary<int, RateLimitedOutbox> outboxes = [];
    private readonly object gate = new();

    /// <summary>Queues the messages for each channel and sends what each channel's rate limit allows now.</summary>
    public async Task DispatchAsync(IReadOnlyList<ChannelSettings> channels, IReadOnlyList<AlertMessage> messages, CancellationToken cancellationToken)
    {
        var work = new List<(ChannelSettings, IReadOnlyList<AlertMessage>)>();
        lock (gate)
        {
            foreach (var gone in outboxes.Keys.Except(channels.Select(c => c.Id)).ToList()) outboxes.Remove(gone);
            foreach (var channel in channels)
            {
                if (!outboxes.TryGetValue(channel.Id, out var outbox) || outbox.MaxPerMinute != Math.Max(1, channel.MaxPerMinute))
                {
                    var replaced = outbox;
                    outboxes[channel.Id] = outbox = new RateLimitedOutbox(channel.MaxPerMinute, clock);
                    if (replaced is not null) outbox.Enqueue(replaced.TakeDue());
                }
                outbox.Enqueue(messages);
                work.Add((channel, outbox.TakeDue()));
            }
        }
        await Task.WhenAll(work.Select(w => SendAllAsync(w.Item1, w.Item2, cancellationToken)));
    }

    /// <summary>One message to one channel now, outside the rate limit (the Send test button); null when sent, else the reason.</summary>
    public async Task<string?> SendNowAsync(ChannelSettings channel, AlertMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await Sender(channel).SendAsync(channel, message, cancellationToken);
            return null;
        }
        catch (NotificationException e)
        {
            return e.Message;
        }
    }

    /// <summary>The Send test button: one test message now; null when sent, else the exact reason (both logged).</summary>
    public async Task<string?> TestAsync(ChannelSettings channel, CancellationToken cancellationToken)
    {
        var error = await SendNowAsync(channel, AlertMessages.Test(channel.Name, clock.GetUtcNow()), cancellationToken);
        if (error is null) logger.LogInformation("Test notification sent to channel '{Channel}' ({Kind})", channel.Name, channel.Kind);
        else logger.LogWarning("Test notification to channel '{Channel}' ({Kind}) failed: {Error}", channel.Name, channel.Kind, error);
        return error;
    }

    private async Task SendAllAsync(ChannelSettings channel, IReadOnlyList<AlertMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (await SendNowAsync(channel, message, cancellationToken) is { } error)
                logger.LogWarning("Notification '{Subject}' to channel '{Channel}' ({Kind}) failed: {Error}", message.Subject, channel.Name, channel.Kind, error);
            else
                logger.LogInformation("Notification '{Subject}' sent to channel '{Channel}' ({Kind})", message.Subject, channel.Name, channel.Kind);
        }
    }

    private INotificationSender Sender(ChannelSettings channel) =>
        senders.FirstOrDefault(s => s.Handles(channel.Kind)) ?? throw new NotificationException($"no sender for {channel.Kind}");
}
