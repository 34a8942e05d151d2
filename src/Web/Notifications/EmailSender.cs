using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SyncConsole.Engine.Alerts;

namespace SyncConsole.Web.Notifications;

/// <summary>E-mail over SMTP with MailKit: plain, STARTTLS or TLS, optional login; one message to all recipients.</summary>
public sealed class EmailSender : INotificationSender
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public bool Handles(ChannelKind kind) => kind == ChannelKind.Email;

    public async Task SendAsync(ChannelSettings channel, AlertMessage message, CancellationToken cancellationToken)
    {
        var mail = new MimeMessage { Subject = message.Subject, Body = new TextPart("plain") { Text = message.Text } };
        mail.From.Add(MailboxAddress.Parse(channel.From ?? throw new NotificationException("no sender address is set")));
        foreach (var to in channel.To) mail.To.Add(MailboxAddress.Parse(to));
        mail.Headers.Add("X-SyncConsole-Event", message.Event.ToString().ToLowerInvariant());

        var where = $"{channel.SmtpHost}:{channel.SmtpPort}";
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await client.ConnectAsync(channel.SmtpHost ?? throw new NotificationException("no SMTP server is set"), channel.SmtpPort, channel.SmtpSecurity switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            }, timeout.Token);
            if (!string.IsNullOrEmpty(channel.SmtpUser))
                await client.AuthenticateAsync(channel.SmtpUser, channel.SmtpPassword ?? "", timeout.Token);
            await client.SendAsync(mail, timeout.Token);
            await client.DisconnectAsync(true, timeout.Token);
        }
        catch (SocketException e)
        {
            throw new NotificationException($"{SocketText(e.SocketErrorCode)} to {where}", e);
        }
        catch (AuthenticationException e)
        {
            throw new NotificationException($"authentication failed at {where}: {e.Message}", e);
        }
        catch (SmtpCommandException e)
        {
            throw new NotificationException($"{(int)e.StatusCode} {e.Message} ({where}, {e.ErrorCode})", e);
        }
        catch (SslHandshakeException e)
        {
            throw new NotificationException($"TLS handshake with {where} failed: {FirstLine(e.Message)}", e);
        }
        catch (Exception e) when (e is ProtocolException or IOException or NotSupportedException or InvalidOperationException)
        {
            throw new NotificationException($"SMTP with {where} failed: {FirstLine(e.Message)}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationException($"no answer from {where} within {Timeout.TotalSeconds:0} s", e);
        }
    }

    internal static string SocketText(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "connection timed out",
        SocketError.HostNotFound or SocketError.NoData => "host not found",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        SocketError.ConnectionReset => "connection reset",
        _ => $"socket error {error}",
    };

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
