using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SyncConsole.Web.Tests.Security;

/// <summary>A fresh host whose every log message, at every level, is kept for inspection.</summary>
public sealed class LogCapturingFirstStartFactory : SyncConsoleFactory
{
    public ConcurrentQueue<string> Messages { get; } = new();

    protected override bool UseFixedSecrets => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CollectingProvider(Messages)));
    }

    private sealed class CollectingProvider(ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(messages, categoryName);
        public void Dispose() { }
    }

    private sealed class Collector(ConcurrentQueue<string> messages, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}

public sealed class FirstStartLogTests(LogCapturingFirstStartFactory factory) : IClassFixture<LogCapturingFirstStartFactory>
{
    [Fact]
    public async Task FirstStart_GeneratedPassword_NeverReachesTheLog()
    {
        using var anonymous = factory.CreateAnonymousClient();
        await anonymous.GetAsync("/healthz");
        var password = (await File.ReadAllTextAsync(Path.Combine(factory.DataDirectory, "initial-admin-password"))).Trim();
        await SyncConsoleFactory.PostLoginAsync(anonymous, "admin", "wrong " + password[..4]);
        using var client = await factory.CreateLoggedInClientAsync(password);

        Assert.True(factory.Messages.Count > 10, $"only {factory.Messages.Count} log messages were captured");
        Assert.DoesNotContain(factory.Messages, m => m.Contains(password, StringComparison.Ordinal));
    }
}
