using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace SyncConsole.TestSupport;

/// <summary>A real HTTP listener on a free 127.0.0.1 port that records every request (method, path, headers, body) and answers with a set status.</summary>
public sealed class WebhookListener : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<Received> received = new();
    private readonly Task loop;

    public sealed record Received(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    public WebhookListener()
    {
        for (var attempt = 0; ; attempt++)
        {
            Port = LoopbackPort.Free();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    /// <summary>The status the next requests get (e.g. 500 to make a channel fail).</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;
    public IReadOnlyList<Received> Requests => received.ToArray();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            received.Enqueue(new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body));
            context.Response.StatusCode = (int)Answer;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
