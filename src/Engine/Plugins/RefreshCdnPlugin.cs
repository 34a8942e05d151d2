using System.Diagnostics;
using System.Text.RegularExpressions;
using SyncConsole.Engine.Events;

namespace SyncConsole.Engine.Plugins;

/// <summary>
/// sersync's refreshCDN plugin (ChinaCache purge): for each delivered path, <c>HEAD
/// http://domain:port/index.jsp?user=U&amp;pswd=P&amp;ok=ok&amp;urls=URL</c> (<c>dirs=URL/</c> for folders). The public
/// URL is <c>base + path-below-watch</c>, or with the regex on, <c>base + group 1 + rest after the match</c> (no
/// match: nothing is sent). Components are URL-encoded (sersync did not), and the password never appears in an event.
/// </summary>
public sealed class RefreshCdnPlugin : IDeliveryPlugin
{
    private readonly RefreshCdnPluginSettings settings;
    private readonly HttpClient http;
    private readonly EngineEventStream events;
    private readonly TimeSpan timeout;
    private readonly Regex? match;

    /// <exception cref="FormatException">The match regex is invalid.</exception>
    public RefreshCdnPlugin(RefreshCdnPluginSettings settings, HttpClient http, EngineEventStream events, TimeSpan? timeout = null)
    {
        this.settings = settings;
        this.http = http;
        this.events = events;
        this.timeout = timeout ?? TimeSpan.FromSeconds(10);
        try { match = settings.UseRegex ? new Regex(settings.Match, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) : null; }
        catch (ArgumentException e) { throw new FormatException($"Invalid refreshCDN regex: {e.Message}", e); }
    }

    public PluginKind Kind => PluginKind.RefreshCdn;
    public bool RunsPerRemote => false;

    /// <summary>The public URL to purge for a delivered path, or null when the regex does not match.</summary>
    public string? PublicUrl(string watchPath, string absolutePath)
    {
        if (match is null)
            return settings.BaseUrl + absolutePath[watchPath.TrimEnd('/').Length..];
        var m = match.Match(absolutePath);
        if (!m.Success) return null;
        var group = m.Groups.Count > 1 ? m.Groups[1].Value : m.Value;
        return settings.BaseUrl + group + absolutePath[(m.Index + m.Length)..];
    }

    /// <summary>The purge request; with <paramref name="maskPassword"/> the password is replaced for display.</summary>
    public Uri PurgeUri(string publicUrl, bool isDirectory, bool maskPassword = false)
    {
        var password = maskPassword ? "***" : settings.Password ?? "";
        var query = $"user={Uri.EscapeDataString(settings.UserName)}&pswd={(maskPassword ? password : Uri.EscapeDataString(password))}&ok=ok&"
            + (isDirectory ? $"dirs={Uri.EscapeDataString(publicUrl + "/")}" : $"urls={Uri.EscapeDataString(publicUrl)}");
        return new UriBuilder(Uri.UriSchemeHttp, settings.DomainName, settings.Port, "/index.jsp") { Query = query }.Uri;
    }

    public async Task RunAsync(DeliveredBatch batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var purged = 0;
        foreach (var path in batch.Paths)
        {
            var absolute = batch.AbsolutePath(path);
            if (PublicUrl(batch.Job.WatchPath, absolute) is not { } url) continue;
            var isDirectory = path.Recursive || Directory.Exists(absolute);
            var shown = PurgeUri(url, isDirectory, maskPassword: true);
            string? failure;
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(timeout);
                using var request = new HttpRequestMessage(HttpMethod.Head, PurgeUri(url, isDirectory));
                using var response = await http.SendAsync(request, attempt.Token).ConfigureAwait(false);
                failure = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e) { failure = e.Message; }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { failure = $"timed out after {timeout.TotalSeconds:0.#} s"; }

            if (failure is null) { purged++; continue; }
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.PluginFailed, JobId = batch.Job.Id, RemoteId = batch.Remote?.Id, Path = path.RelativePath,
                PathCount = 1, Message = $"refreshCDN: {shown}: {failure}",
            });
        }
        if (purged > 0)
            events.Publish(new EngineEvent
            {
                Kind = EngineEventKind.PluginRan, JobId = batch.Job.Id, RemoteId = batch.Remote?.Id, PathCount = purged,
                DurationMs = started.Elapsed.TotalMilliseconds, Message = $"refreshCDN: purged {purged} URL(s) at {settings.DomainName}:{settings.Port}",
            });
    }
}
