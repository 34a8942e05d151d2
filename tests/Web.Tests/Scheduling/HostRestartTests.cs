using Microsoft.AspNetCore.Hosting;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Scheduling;

/// <summary>Changes made while the host is down are delivered by the next host on the same data directory.</summary>
public sealed class HostRestartTests
{
    private sealed class SharedDataFactory(string dataDirectory) : SyncConsoleFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SyncConsole:DataDirectory", dataDirectory);
        }
    }

    [Fact]
    public async Task Restart_ChangesMadeWhileDown_EndWithIdenticalTrees()
    {
        using var data = new TempDirectory("syncconsole-restart");
        var first = new SharedDataFactory(data.Path);
        var scenario = await HostScenario.StartAsync(first);
        SyncConsoleFactory? second = null;
        try
        {
            var remote = await scenario.CreateRemoteAsync("restart");
            var job = await scenario.CreateJobAsync(new JobRequest { Name = "restart", RemoteIds = [remote] });
            File.WriteAllText(scenario.Local("kept.txt"), "version 1");
            File.WriteAllText(scenario.Local("doomed.txt"), "to be deleted while down");
            await Eventually.TrueAsync(() => scenario.RemoteHas("kept.txt", "version 1") && File.Exists(scenario.Remote("doomed.txt")), "delivered before the stop");

            first.Dispose(); // the host stops: no watcher sees what happens next
            File.WriteAllText(scenario.Local("kept.txt"), "version 2, written while the host was down");
            File.Delete(scenario.Local("doomed.txt"));
            Directory.CreateDirectory(scenario.Local("new/deeper"));
            File.WriteAllText(scenario.Local("new/deeper/file.txt"), "born while down");

            second = new SharedDataFactory(data.Path);
            scenario.UseFactory(second);
            await scenario.WaitWatchingAsync(job);

            await Eventually.TrueAsync(() => scenario.RemoteHas("kept.txt", "version 2, written while the host was down")
                && scenario.RemoteHas("new/deeper/file.txt", "born while down") && !File.Exists(scenario.Remote("doomed.txt")), "reconciled after the restart", 30);
            TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
        }
        finally
        {
            await scenario.DisposeAsync();
            second?.Dispose();
            first.Dispose();
        }
    }
}
