using Microsoft.Extensions.Options;
using SyncConsole.Engine.FailLog;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Engine;

/// <summary>Runs the engine's <see cref="AutoHealer"/> loop for the host's lifetime, unless <c>SyncConsole:AutoHeal:Enabled</c> is false.</summary>
public sealed class AutoHealHost(AutoHealer healer, IOptions<SyncConsoleOptions> options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.AutoHeal.Enabled ? healer.RunAsync(stoppingToken) : Task.CompletedTask;
}
