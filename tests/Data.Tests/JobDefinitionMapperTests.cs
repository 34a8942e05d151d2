using SyncConsole.Data.Entities;
using SyncConsole.Engine.Jobs;

namespace SyncConsole.Data.Tests;

public sealed class JobDefinitionMapperTests
{
    [Fact]
    public void ToDefinition_JobWithRulesAndRemotes_MapsEverythingAndUnprotectsPasswords()
    {
        var job = new SyncJob
        {
            Id = 7, Name = "www", WatchPath = "/var/www/", Events = SyncEventMask.CloseWrite, DeleteEnabled = false,
            RsyncParams = "-az", IgnoreTempFiles = false, CoalescingDelayMs = 150, MaxBatchPaths = 50, InitialFullSync = true,
            FilterRules =
            [
                new FilterRule { Kind = FilterRuleKind.LiveRegex, Expression = "second", Order = 2 },
                new FilterRule { Kind = FilterRuleKind.FullSyncPattern, Expression = "*.log", Order = 0 },
                new FilterRule { Kind = FilterRuleKind.LiveRegex, Expression = "first", Order = 1 },
            ],
            JobRemotes =
            [
                new JobRemote { RemoteId = 2, Remote = new Remote { Id = 2, Name = "b", Host = "h2", ModuleOrPath = "m", ProtectedPassword = "enc:pw" } },
                new JobRemote { RemoteId = 1, Remote = new Remote { Id = 1, Name = "a", Host = "h1", ModuleOrPath = "/p", Transport = RemoteTransport.Ssh, Port = 22 } },
            ],
        };

        var definition = JobDefinitionMapper.ToDefinition(job, protectedValue => protectedValue.Replace("enc:", ""));

        Assert.Equal((7, "www", "/var/www", SyncEventMask.CloseWrite, false, "-az", false, TimeSpan.FromMilliseconds(150), 50, true),
            (definition.Id, definition.Name, definition.WatchPath, definition.Events, definition.DeleteEnabled, definition.RsyncParams,
             definition.IgnoreTempFiles, definition.SettleDelay, definition.MaxBatchPaths, definition.InitialFullSync));
        Assert.Equal(["first", "second"], definition.ExcludeRegexes);
        Assert.Equal(["*.log"], definition.FullSyncExcludes);
        Assert.Equal([(1, null, RemoteTransport.Ssh), (2, "pw", RemoteTransport.Daemon)],
            definition.Remotes.Select(r => (r.Id, r.Password, r.Transport)));
    }
}
