using SyncConsole.Engine.Events;
using SyncConsole.Engine.Plugins;
using SyncConsole.Engine.Processes;
using SyncConsole.Engine.Tests.Plugins;

namespace SyncConsole.Engine.Tests.Processes;

public sealed class ChildEnvironmentTests
{
    [Fact]
    public void Build_HostWithSecrets_PassesOnlyTheAllowList()
    {
        var host = new Dictionary<string, string?>
        {
            ["PATH"] = "/usr/bin:/bin", ["HOME"] = "/var/lib/syncconsole", ["LANG"] = "C.UTF-8",
            ["SYNCCONSOLE_ADMIN_PASSWORD"] = "s3cret", ["SYNCCONSOLE_API_KEY"] = "key", ["ASPNETCORE_URLS"] = "http://+:80",
            ["DOTNET_ENVIRONMENT"] = "Production", ["ConnectionStrings__Db"] = "Password=x", ["RSYNC_PASSWORD"] = "pw",
            ["RSYNC_RSH"] = "evil", ["SSH_AUTH_SOCK"] = "/tmp/agent", ["LD_PRELOAD"] = "/tmp/x.so",
        };

        var child = ChildEnvironment.Build(host);

        Assert.Equal(new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = "/var/lib/syncconsole", ["LANG"] = "C.UTF-8" }, child);
    }

    [Fact]
    public void Build_HostWithoutPath_GivesADefaultPath() =>
        Assert.Contains("/usr/bin", ChildEnvironment.Build(new Dictionary<string, string?>())["PATH"]);

    [Fact]
    public async Task CommandPlugin_RunningEnv_OutputHasNoHostSecret()
    {
        const string secret = "leak-me-9d81c2";
        Environment.SetEnvironmentVariable("SYNCCONSOLE_ADMIN_PASSWORD", secret);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_SECRET", secret);
        try
        {
            var events = new EngineEventStream(TimeProvider.System);
            var plugin = new CommandPlugin(new CommandPluginSettings
            {
                // The count cannot be cut off by the event's output tail however large the environment is.
                Prefix = "/bin/sh -c 'echo \"count=$(env | grep -c -e ^SYNCCONSOLE_ -e ^ASPNETCORE_ -e ^DOTNET_)\"; env'",
            }, events);

            await plugin.RunAsync(PluginTestData.Batch("/", "file.txt"), CancellationToken.None);

            var ran = Assert.Single(events.Recent(), e => e.Kind == EngineEventKind.PluginRan);
            Assert.Contains("PATH=", ran.Message); // env really ran and printed its environment
            Assert.Contains("count=0", ran.Message);
            Assert.DoesNotContain(secret, ran.Message);
            Assert.DoesNotContain("SYNCCONSOLE_", ran.Message);
            Assert.DoesNotContain("ASPNETCORE_", ran.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SYNCCONSOLE_ADMIN_PASSWORD", null);
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_SECRET", null);
        }
    }
}
