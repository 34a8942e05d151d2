using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Legacy;
using SyncConsole.Engine.Plugins;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Legacy;

public class ConfxmlRoundTripTests
{
    /// <summary>Records hold lists, whose equality is by reference; JSON compares them by value.</summary>
    internal static string Snapshot(ConfxmlImportPlan plan) => JsonSerializer.Serialize(new { plan.Job, plan.Settings });

    internal static string JobSnapshot(ConfxmlImportPlan plan) => JsonSerializer.Serialize(plan.Job);

    private static ConfxmlImportPlan ReImport(ConfxmlImportPlan plan, ConfxmlImportOptions? options = null)
    {
        var export = ConfxmlExporter.Export(plan.Job!, plan.Settings!);
        return new ConfxmlImporter(options ?? new ConfxmlImportOptions { DirectoryExists = _ => true }).Import(export.ToBytes());
    }

    [Theory]
    [InlineData("full-default.xml")]
    [InlineData("case-and-whitespace.xml")]
    [InlineData("ssh-remote-path.xml")]
    [InlineData("filter-and-crontab.xml")]
    [InlineData("filter-disables-crontab.xml")]
    [InlineData("crontab-bad-schedule.xml")]
    [InlineData("debug-xfs-events.xml")]
    [InlineData("plugin-command.xml")]
    [InlineData("plugin-refreshcdn.xml")]
    [InlineData("plugin-socket.xml")]
    [InlineData("switch-near-misses.xml")]
    [InlineData("faillog-zero.xml")]
    [InlineData("stray-text-and-unknown.xml")]
    public void ImportExportImport_Fixture_YieldsTheSameJobAndSettings(string fixture)
    {
        var first = ConfxmlImporterTests.Import(fixture);
        Assert.True(first.CanImport, first.Report.ToString());

        var second = ReImport(first);

        Assert.True(second.CanImport, second.Report.ToString());
        Assert.Equal(Snapshot(first), Snapshot(second));
    }

    [Theory]
    [InlineData("missing-elements.xml")]
    [InlineData("multi-localpath.xml")]
    public void ImportExportImport_SparseFixture_YieldsTheSameJob(string fixture)
    {
        var first = ConfxmlImporterTests.Import(fixture);

        var second = ReImport(first);

        Assert.True(second.CanImport, second.Report.ToString());
        Assert.Equal(JobSnapshot(first), JobSnapshot(second));
        // The export writes the complete skeleton, so nothing is missing the second time.
        Assert.DoesNotContain(second.Report.Warnings, w => w.Message.Contains("missing"));
    }

    [Fact]
    public void ImportExportImport_WithReadablePasswordFile_KeepsPasswordAndPath()
    {
        using var dir = new TempDirectory();
        var passwordFile = dir.Combine("rsync.pas");
        File.WriteAllText(passwordFile, "s3cret\n");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var xml = ConfxmlFixtures.Text("auth-password-file.xml").Replace("@PASSWORD_FILE@", passwordFile);
        var first = ConfxmlImporterTests.ImportText(xml);

        var export = ConfxmlExporter.Export(first.Job!, first.Settings!);
        var second = ReImport(first);

        Assert.Equal(Snapshot(first), Snapshot(second));
        Assert.DoesNotContain("s3cret", export.Xml);
        Assert.Contains(export.Warnings, w => w.Contains(passwordFile));
    }

    [Fact]
    public void Export_HandBuiltJob_ImportsBackToTheSameJob()
    {
        var job = new JobDefinition
        {
            Id = 0,
            Name = "media",
            WatchPath = "/var/media",
            Events = SyncEventMask.CloseWrite | SyncEventMask.MoveTo | SyncEventMask.Delete | SyncEventMask.Modify,
            DeleteEnabled = true,
            RsyncParams = "-az --partial",
            ExcludeRegexes = ["(.*)\\.part", "^incoming/.*"],
            FullSyncExcludes = ["*.part", "incoming/"],
            InitialFullSync = false,
            Remotes =
            [
                new RemoteDefinition { Id = 0, Name = "10.3.3.3::media", Host = "10.3.3.3", ModuleOrPath = "media", Port = 8730, TimeoutSeconds = 60 },
                new RemoteDefinition { Id = 0, Name = "nas.lan::media", Host = "nas.lan", ModuleOrPath = "media", Port = 8730, TimeoutSeconds = 60 },
            ],
        };
        var settings = new ConfxmlJobSettings
        {
            FullSyncIntervalMinutes = 240,
            RetryIntervalMinutes = 10,
            EnabledPlugin = PluginKind.Command,
            Command = new CommandPluginSettings { Prefix = "/usr/bin/logger", Suffix = "-t sync", IgnoreError = true },
        };

        var export = ConfxmlExporter.Export(job, settings);
        var plan = new ConfxmlImporter(new ConfxmlImportOptions { DirectoryExists = _ => true }).Import(export.ToBytes());

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Equal(JsonSerializer.Serialize(job), JsonSerializer.Serialize(plan.Job));
        Assert.Equal(240, plan.Settings!.FullSyncIntervalMinutes);
        Assert.Equal(10, plan.Settings.RetryIntervalMinutes);
        Assert.Equal(PluginKind.Command, plan.Settings.EnabledPlugin);
        Assert.Equal("/usr/bin/logger", plan.Settings.Command!.Prefix);
    }

    /// <summary>Every element and attribute of sersync's shipped confxml.xml (semantics doc §1); sersync crashes on a missing one.</summary>
    private static readonly string[] SkeletonAttributes =
    [
        "head@version", "head/host@hostip", "head/host@port", "head/debug@start", "head/fileSystem@xfs", "head/filter@start",
        "head/inotify/delete@start", "head/inotify/createFolder@start", "head/inotify/createFile@start", "head/inotify/closeWrite@start",
        "head/inotify/moveFrom@start", "head/inotify/moveTo@start", "head/inotify/attrib@start", "head/inotify/modify@start",
        "head/sersync/localpath@watch", "head/sersync/localpath/remote@ip", "head/sersync/localpath/remote@name",
        "head/sersync/rsync/commonParams@params", "head/sersync/rsync/auth@start", "head/sersync/rsync/auth@users",
        "head/sersync/rsync/auth@passwordfile", "head/sersync/rsync/userDefinedPort@start", "head/sersync/rsync/userDefinedPort@port",
        "head/sersync/rsync/timeout@start", "head/sersync/rsync/timeout@time", "head/sersync/rsync/ssh@start",
        "head/sersync/failLog@path", "head/sersync/failLog@timeToExecute", "head/sersync/crontab@start", "head/sersync/crontab@schedule",
        "head/sersync/crontab/crontabfilter@start", "head/sersync/plugin@start", "head/sersync/plugin@name",
        "head/plugin@name", "head/plugin/param@prefix", "head/plugin/param@suffix", "head/plugin/param@ignoreError", "head/plugin/filter@start",
        "head/plugin/localpath@watch", "head/plugin/localpath/deshost@ip", "head/plugin/localpath/deshost@port",
        "head/plugin/localpath/cdninfo@domainname", "head/plugin/localpath/cdninfo@port", "head/plugin/localpath/cdninfo@username",
        "head/plugin/localpath/cdninfo@passwd", "head/plugin/localpath/sendurl@base", "head/plugin/localpath/regexurl@regex",
        "head/plugin/localpath/regexurl@match",
    ];

    [Fact]
    public void Export_AnyJob_WritesTheFullSkeletonWithEveryAttribute()
    {
        var plan = ConfxmlImporterTests.Import("missing-elements.xml");

        var export = ConfxmlExporter.Export(plan.Job!, plan.Settings!);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<head version=\"2.5\">", export.Xml);
        var doc = XDocument.Parse(export.Xml);
        var present = doc.Descendants().SelectMany(e => e.Attributes().Select(a =>
            string.Join('/', e.AncestorsAndSelf().Reverse().Select(x => x.Name.LocalName)) + "@" + a.Name.LocalName)).ToHashSet();
        Assert.All(SkeletonAttributes, expected => Assert.Contains(expected, present));
        Assert.Equal(["command", "socket", "refreshCDN"], doc.Root!.Elements("plugin").Select(p => p.Attribute("name")!.Value));
        Assert.False(Encoding.UTF8.GetPreamble().AsSpan().SequenceEqual(export.ToBytes().AsSpan(0, 3)));
    }

    [Fact]
    public void Export_SettingsSersyncCannotExpress_AreReportedAsWarnings()
    {
        var job = new JobDefinition
        {
            Id = 7,
            Name = "mixed",
            WatchPath = "/srv/mixed",
            IgnoreTempFiles = false,
            SettleDelay = TimeSpan.FromSeconds(2),
            ExcludeRegexes = ["(.*)\\.tmp"],
            InitialFullSync = true,
            Remotes =
            [
                new RemoteDefinition { Id = 1, Name = "a", Host = "10.0.0.1", ModuleOrPath = "m", User = "u1" },
                new RemoteDefinition { Id = 2, Name = "b", Host = "10.0.0.2", ModuleOrPath = "m", User = "u2", BandwidthLimitKbps = 100 },
            ],
        };

        var export = ConfxmlExporter.Export(job, new ConfxmlJobSettings { FullSyncIntervalMinutes = 60, EnabledPlugin = PluginKind.Http });

        Assert.Contains(export.Warnings, w => w.Contains("ignores .*, *~ and 4913"));
        Assert.Contains(export.Warnings, w => w.Contains("settle delay"));
        Assert.Contains(export.Warnings, w => w.Contains("ignores -r"));
        Assert.Contains(export.Warnings, w => w.Contains("disables crontab"));
        Assert.Contains(export.Warnings, w => w.Contains("remote \"b\" gets those of \"a\""));
        Assert.Contains(export.Warnings, w => w.Contains("bandwidth limit"));
        Assert.Contains(export.Warnings, w => w.Contains("http plugin"));
        Assert.Contains("<plugin start=\"false\" name=\"command\" />", export.Xml);
    }

    [Fact]
    public void Export_JobWithoutRemotes_IsRefused()
    {
        var job = new JobDefinition { Id = 0, Name = "x", WatchPath = "/x" };

        var ex = Assert.Throws<ArgumentException>(() => ConfxmlExporter.Export(job, new ConfxmlJobSettings()));

        Assert.Contains("no remotes", ex.Message);
    }
}
