using SyncConsole.TestSupport;

namespace SyncConsole.E2E.Tests;

/// <summary>What every browser test stands on: the real host on a loopback port, a real rsync daemon, Chromium and a watched folder.</summary>
public sealed class E2EScenario : IAsyncDisposable
{
    private E2EScenario(E2EHostFactory host, Uri baseUrl, RsyncDaemonFixture daemon, BrowserSession browser, TempDirectory watched)
    {
        Host = host;
        BaseUrl = baseUrl;
        Daemon = daemon;
        Browser = browser;
        Watched = watched;
    }

    public E2EHostFactory Host { get; }
    public Uri BaseUrl { get; }
    public RsyncDaemonFixture Daemon { get; }
    public BrowserSession Browser { get; }
    public TempDirectory Watched { get; }

    public static async Task<E2EScenario> StartAsync(string watchedPrefix, bool autoHeal = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = new E2EHostFactory(autoHeal, settings);
        var baseUrl = host.Start();
        var daemon = await RsyncDaemonFixture.StartNewAsync();
        var browser = await BrowserSession.LaunchAsync();
        return new E2EScenario(host, baseUrl, daemon, browser, new TempDirectory(watchedPrefix));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
        await Daemon.DisposeAsync();
        Watched.Dispose();
    }
}
