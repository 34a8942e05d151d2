using SyncConsole.Data.Entities;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Data.Tests;

public sealed class PluginMappingTests
{
    [Fact]
    public void ToDefinition_PluginRows_EnabledOnesMappedWithPasswordUnprotected()
    {
        var job = new SyncJob
        {
            Id = 3, Name = "cdn", WatchPath = "/srv", PluginOnly = true,
            Plugins =
            [
                new PluginConfig { Id = 2, Kind = PluginKind.RefreshCdn, SettingsJson = """{"domainName":"cdn","baseUrl":"http://x","password":"enc:pw"}""" },
                new PluginConfig { Id = 1, Kind = PluginKind.Command, SettingsJson = """{"prefix":"/bin/true","timeoutSeconds":5}""" },
                new PluginConfig { Id = 3, Kind = PluginKind.Socket, Enabled = false, SettingsJson = """{"host":"h","port":1}""" },
                new PluginConfig { Id = 4, Kind = PluginKind.Http, SettingsJson = "{}" }, // no url: not runnable, skipped
            ],
        };

        var definition = JobDefinitionMapper.ToDefinition(job, protectedValue => protectedValue.Replace("enc:", ""));

        Assert.True(definition.PluginOnly);
        Assert.Equal([PluginKind.Command, PluginKind.RefreshCdn], definition.Plugins.Select(p => p.Kind));
        Assert.Equal(new CommandPluginSettings { Prefix = "/bin/true", TimeoutSeconds = 5 }, definition.Plugins[0].Settings);
        Assert.Equal("pw", Assert.IsType<RefreshCdnPluginSettings>(definition.Plugins[1].Settings).Password);
    }

    [Fact]
    public void Serialize_ThenDeserialize_RoundTripsEachKind()
    {
        object[] all =
        [
            new CommandPluginSettings { Prefix = "/x", IncludeRegexes = ["a.*"], FilterEnabled = true },
            new SocketPluginSettings { Host = "127.0.0.1", Port = 9 },
            new RefreshCdnPluginSettings { DomainName = "d", BaseUrl = "http://b", UseRegex = true, Match = "m" },
            new HttpPluginSettings { Url = "http://u", MaxAttempts = 2 },
        ];
        PluginKind[] kinds = [PluginKind.Command, PluginKind.Socket, PluginKind.RefreshCdn, PluginKind.Http];

        for (var i = 0; i < all.Length; i++)
        {
            var back = PluginSettingsSerializer.Deserialize(kinds[i], PluginSettingsSerializer.Serialize(all[i]));
            if (back is CommandPluginSettings c) Assert.Equal(["a.*"], c.IncludeRegexes);
            else Assert.Equal(all[i], back);
        }
    }
}
