using SyncConsole.TestSupport;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SyncConsole.Engine.Tests.Plugins;

/// <summary>A real HTTP listener on 127.0.0.1 that records requests and answers with the status the test picks.</summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<int, int> statusForRequest;
    private readonly Task loop;
    private int count;

    public LoopbackHttpServer(Func<int, int>? statusForRequest = null)
    {
        this.statusForRequest = statusForRequest ?? (_ => 200);
        Port = LoopbackPort.Free();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/";
    public ConcurrentQueue<(string Method, string Url, string Body)> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue((context.Request.HttpMethod, context.Request.RawUrl ?? "", body));
            context.Response.StatusCode = statusForRequest(Interlocked.Increment(ref count));
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
