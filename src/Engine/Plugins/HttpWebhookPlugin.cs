using System.Diagnostics;
using System.Net.Http.Json;
using SyncConsole.Engine.Events;

namespace SyncConsole.Engine.Plugins;

/// <summary>
/// The webhook sersync's compiled-out http plugin meant to be: one JSON POST per delivered batch per remote,
/// retried with exponential backoff up to <see cref="HttpPluginSettings.MaxAttempts"/>. It runs on the plugin queue,
/// so a dead endpoint costs events, never delivery.
/// </summary>
public sealed class HttpWebhookPlugin(HttpPluginSettings settings, HttpClient http, EngineEventStream events, TimeSpan? backoff = null) : IDeliveryPlugin
{
    private readonly TimeSpan firstDelay = backoff ?? TimeSpan.FromSeconds(1);

    public PluginKind Kind => PluginKind.Http;
    public bool RunsPerRemote => true;

    public static object Payload(DeliveredBatch batch) => new
    {
        job = new { id = batch.Job.Id, name = batch.Job.Name },
        remote = batch.Remote is null ? null : new { id = batch.Remote.Id, name = batch.Remote.Name },
        paths = batch.Paths.Select(p => batch.AbsolutePath(p)).ToList(),
        result = new { succeeded = batch.Succeeded, exitCode = batch.ExitCode, bytes = batch.Bytes },
        time = batch.Time,
    };

    public async Task RunAsync(DeliveredBatch batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var attempts = Math.Max(1, settings.MaxAttempts);
        var payload = Payload(batch);
        string failure = "";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
                await Task.Delay(firstDelay * Math.Pow(2, attempt - 2), cancellationToken).ConfigureAwait(false);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)));
                using var response = await http.PostAsJsonAsync(settings.Url, payload, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    events.Publish(new EngineEvent
                    {
                        Kind = EngineEventKind.PluginRan, JobId = batch.Job.Id, RemoteId = batch.Remote?.Id, PathCount = batch.Paths.Count,
                        ExitCode = (int)response.StatusCode, DurationMs = started.Elapsed.TotalMilliseconds,
                        Message = $"http: POST {Shown()} answered {(int)response.StatusCode} (attempt {attempt})",
                    });
                    return;
                }
                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e) { failure = e.Message; }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { failure = $"timed out after {settings.TimeoutSeconds} s"; }
        }
        events.Publish(new EngineEvent
        {
            Kind = EngineEventKind.PluginFailed, JobId = batch.Job.Id, RemoteId = batch.Remote?.Id, PathCount = batch.Paths.Count,
            DurationMs = started.Elapsed.TotalMilliseconds, Message = $"http: POST {Shown()} failed after {attempts} attempt(s): {failure}",
        });
    }

    // A webhook URL may carry a token in its user info or query: show scheme, host and path only.
    private string Shown() =>
        Uri.TryCreate(settings.Url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Authority}{u.AbsolutePath}" : "(invalid URL)";
}
