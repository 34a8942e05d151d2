using System.Text;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Legacy;
using SyncConsole.Engine.Plugins;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Legacy;

public class ConfxmlImporterTests
{
    internal static ConfxmlImportPlan Import(string fixture, ConfxmlImportOptions? options = null) =>
        new ConfxmlImporter(options ?? new ConfxmlImportOptions { DirectoryExists = _ => true }).Import(ConfxmlFixtures.Bytes(fixture));

    internal static ConfxmlImportPlan ImportText(string xml, ConfxmlImportOptions? options = null) =>
        new ConfxmlImporter(options ?? new ConfxmlImportOptions { DirectoryExists = _ => true }).Import(Encoding.UTF8.GetBytes(xml));

    private static ImportReportItem Single(ConfxmlImportPlan plan, ImportSeverity severity, string containing) =>
        Assert.Single(plan.Report.Items, i => i.Severity == severity && i.Message.Contains(containing, StringComparison.Ordinal));

    [Fact]
    public void Import_FullDefaultSkeleton_MapsJobRemoteAndDefaults()
    {
        var plan = Import("full-default.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        var job = plan.Job!;
        Assert.Equal(0, job.Id);
        Assert.Equal("www", job.Name);
        Assert.Equal("/srv/www", job.WatchPath); // one trailing slash stripped, like SplitLastSlash
        Assert.Equal(SyncEventMask.SersyncDefault, job.Events);
        Assert.True(job.DeleteEnabled);
        Assert.Equal("-artuz", job.RsyncParams);
        Assert.Empty(job.ExcludeRegexes); // filter is off
        Assert.Empty(job.FullSyncExcludes); // crontabfilter is off
        Assert.True(job.IgnoreTempFiles);
        Assert.True(job.InitialFullSync);
        var remote = Assert.Single(job.Remotes); // the commented-out remote is not a remote
        Assert.Equal(new RemoteDefinition { Id = 0, Name = "10.0.0.5::www", Host = "10.0.0.5", Transport = RemoteTransport.Daemon, ModuleOrPath = "www" }, remote);

        var settings = plan.Settings!;
        Assert.Null(settings.FullSyncIntervalMinutes);
        Assert.Equal(60, settings.RetryIntervalMinutes);
        Assert.Null(settings.EnabledPlugin);
        Assert.False(settings.Debug);
        Assert.False(settings.NeedsPassword);
        Assert.Null(settings.PasswordFilePath);
        // Plugins that are off had no effect; their blocks are the shipped samples, so nothing is imported.
        Assert.Null(settings.Command);
        Assert.Null(settings.Socket);
        Assert.Null(settings.RefreshCdn);
        Assert.DoesNotContain(plan.Report.Items, i => i.Severity is ImportSeverity.Warning or ImportSeverity.Error);
    }

    [Fact]
    public void Import_FullDefaultSkeleton_ReportsEveryMeaninglessPartAsIgnoredWithReason()
    {
        var plan = Import("full-default.xml");

        Assert.Equal(4, Single(plan, ImportSeverity.Ignored, "<host hostip=\"localhost\" port=\"8008\">").Line);
        Assert.Equal(6, Single(plan, ImportSeverity.Ignored, "fileSystem xfs").Line);
        Assert.Equal(7, Single(plan, ImportSeverity.Ignored, "filter is off, so its 2 exclude regex").Line);
        Assert.Equal(35, Single(plan, ImportSeverity.Ignored, "failLog path=\"/tmp/rsync_fail_log.sh\"").Line);
        Single(plan, ImportSeverity.Ignored, "head@version");
        Single(plan, ImportSeverity.Ignored, "crontabfilter is off");
        Assert.Equal(45, Single(plan, ImportSeverity.Ignored, "the command plugin is off").Line);
        Assert.Equal(53, Single(plan, ImportSeverity.Ignored, "the socket plugin is off").Line);
        Assert.Equal(58, Single(plan, ImportSeverity.Ignored, "the refreshCDN plugin is off").Line);
    }

    [Fact]
    public void Import_NamesInAnyCaseAttributesInAnyOrderOddWhitespace_MapsEverything()
    {
        var plan = Import("case-and-whitespace.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        var job = plan.Job!;
        Assert.Equal("/data/Case Dir", job.WatchPath);
        Assert.Equal(SyncEventMask.SersyncDefault | SyncEventMask.CreateFile, job.Events);
        Assert.Equal("-auz --partial ", job.RsyncParams); // kept verbatim, trailing space included
        Assert.Equal(["192.168.10.20::mod1", "backup.example.com::mod2"], job.Remotes.Select(r => r.Name));
        Assert.All(job.Remotes, r =>
        {
            Assert.Equal("backup", r.User);
            Assert.Equal(8873, r.Port);
            Assert.Equal(30, r.TimeoutSeconds);
            Assert.Null(r.Password);
        });
        Assert.True(plan.Settings!.NeedsPassword); // /nonexistent/rsync.pas cannot be read
        Assert.Equal("/nonexistent/rsync.pas", plan.Settings.PasswordFilePath);
        Assert.Equal(45, plan.Settings.FullSyncIntervalMinutes);
        Assert.Equal(15, plan.Settings.RetryIntervalMinutes);
        Single(plan, ImportSeverity.Warning, "\"/nonexistent/rsync.pas\" does not exist here: the remotes need a password");
    }

    [Fact]
    public void Import_SwitchNotExactlyTrue_IsOffWithAWarningEach()
    {
        var plan = Import("switch-near-misses.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.False(plan.Settings!.Debug);
        Assert.Empty(plan.Job!.ExcludeRegexes);
        Assert.Equal(SyncEventMask.SersyncDefault, plan.Job.Events); // createFile="1", attrib="TRUE", modify="maybe": all off
        var remote = Assert.Single(plan.Job.Remotes);
        Assert.Equal(RemoteTransport.Daemon, remote.Transport); // ssh="True" is off
        Assert.Null(remote.User); // auth="yes" is off
        Assert.Equal(3, Single(plan, ImportSeverity.Warning, "debug@start=\"True\" is not exactly \"true\"").Line);
        Single(plan, ImportSeverity.Warning, "filter@start=\" true\" is not exactly");
        Single(plan, ImportSeverity.Warning, "inotify/createFile@start=\"1\" is not exactly");
        Single(plan, ImportSeverity.Warning, "inotify/attrib@start=\"TRUE\" is not exactly");
        Single(plan, ImportSeverity.Warning, "inotify/modify@start=\"maybe\" is neither");
        Single(plan, ImportSeverity.Warning, "sersync/rsync/ssh@start=\"True\"");
        Single(plan, ImportSeverity.Warning, "sersync/rsync/auth@start=\"yes\"");
    }

    [Fact]
    public void Import_SecondLocalpath_IsNotImportedAndWarned()
    {
        var plan = Import("multi-localpath.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Equal("/srv/first", plan.Job!.WatchPath);
        Assert.Equal(["10.0.0.1::first"], plan.Job.Remotes.Select(r => r.Name));
        var warning = Single(plan, ImportSeverity.Warning, "only the first <localpath>");
        Assert.Equal(7, warning.Line);
        Assert.Contains("/srv/second", warning.Message);
    }

    [Fact]
    public void Import_SshOn_RemoteNameIsAPathAndPortAndPasswordFileAreIgnored()
    {
        var plan = Import("ssh-remote-path.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.All(plan.Job!.Remotes, r =>
        {
            Assert.Equal(RemoteTransport.Ssh, r.Transport);
            Assert.Equal("deploy", r.User);
            Assert.Null(r.Port);
            Assert.Null(r.Password);
            Assert.Equal(120, r.TimeoutSeconds);
        });
        Assert.Equal(["mirror.example.org:/var/backup/site", "10.2.2.2:backup/site"], plan.Job.Remotes.Select(r => r.Name));
        Assert.Equal(["/var/backup/site", "backup/site"], plan.Job.Remotes.Select(r => r.ModuleOrPath));
        Assert.False(plan.Settings!.NeedsPassword);
        Single(plan, ImportSeverity.Ignored, "userDefinedPort 22 is ignored by rsync over ssh");
        Single(plan, ImportSeverity.Ignored, "passwordfile \"/etc/rsync.pas\" is ignored by rsync over ssh");
        Single(plan, ImportSeverity.Warning, "remote name \"backup/site\" is a path");
    }

    [Fact]
    public void Import_ReadablePasswordFile_PutsTheFirstLineIntoEveryRemoteButNeverIntoTheReport()
    {
        using var dir = new TempDirectory();
        var passwordFile = dir.Combine("rsync.pas");
        File.WriteAllText(passwordFile, "Pa55-w0rd!\nsecond line is not read\n");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var xml = ConfxmlFixtures.Text("auth-password-file.xml").Replace("@PASSWORD_FILE@", passwordFile);

        var plan = new ConfxmlImporter(new ConfxmlImportOptions { DirectoryExists = _ => true }).Import(Encoding.UTF8.GetBytes(xml));

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.All(plan.Job!.Remotes, r =>
        {
            Assert.Equal("Pa55-w0rd!", r.Password);
            Assert.Equal("rsync_backup", r.User);
        });
        Assert.False(plan.Settings!.NeedsPassword);
        Assert.Equal(passwordFile, plan.Settings.PasswordFilePath);
        Assert.DoesNotContain("Pa55", plan.Report.ToString());
    }

    [Fact]
    public void Import_UnreadablePasswordFile_MarksTheRemotesAsNeedingAPassword()
    {
        var xml = ConfxmlFixtures.Text("auth-password-file.xml").Replace("@PASSWORD_FILE@", "/nonexistent/dir/rsync.pas");

        var plan = ImportText(xml);

        Assert.True(plan.CanImport);
        Assert.True(plan.Settings!.NeedsPassword);
        Assert.All(plan.Job!.Remotes, r => Assert.Null(r.Password));
        Assert.Equal(14, Single(plan, ImportSeverity.Warning, "the remotes need a password").Line);
    }

    [Fact]
    public void Import_FilterOnWithCrontabFilter_SeparatesRegexesFromGlobsAndKeepsTheCrontab()
    {
        var plan = Import("filter-and-crontab.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Equal(["(.*)\\.svn", "(.*)\\.log", "^tmp/*"], plan.Job!.ExcludeRegexes);
        Assert.Equal(["*.svn", "*.log", "/tmp/"], plan.Job.FullSyncExcludes);
        Assert.Equal(30, plan.Settings!.FullSyncIntervalMinutes);
        Assert.False(plan.Job.InitialFullSync); // sersync: "you set the filter so the -r can not work"
        Single(plan, ImportSeverity.Warning, "skips its -r initial full sync");
        Single(plan, ImportSeverity.Info, "still reconciles once at start");
    }

    [Fact]
    public void Import_FilterOnAndCrontabFilterOff_DisablesTheCrontabWithAWarning()
    {
        var plan = Import("filter-disables-crontab.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Null(plan.Settings!.FullSyncIntervalMinutes);
        Assert.Empty(plan.Job!.FullSyncExcludes);
        Assert.Equal(25, Single(plan, ImportSeverity.Warning, "sersync disables the crontab").Line);
    }

    [Fact]
    public void Import_UnparsableSchedule_Uses600MinutesLikeSersync()
    {
        var plan = Import("crontab-bad-schedule.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Equal(600, plan.Settings!.FullSyncIntervalMinutes);
        Assert.True(plan.Job!.InitialFullSync); // the filter is off here
        Single(plan, ImportSeverity.Warning, "schedule=\"abc\"");
    }

    [Fact]
    public void Import_FilterWithAForeignChild_ImportsOnlyTheExcludesAndWarns()
    {
        var plan = Import("filter-foreign-child.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Equal(["(.*)\\.svn", "^tmp/*"], plan.Job!.ExcludeRegexes);
        Assert.Equal(6, Single(plan, ImportSeverity.Warning, "<include> inside <filter>").Line);
    }

    [Fact]
    public void Import_MissingElements_FillsSersyncDefaultsWithWarnings()
    {
        var plan = Import("missing-elements.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        var job = plan.Job!;
        Assert.Equal(SyncEventMask.SersyncDefault, job.Events);
        Assert.True(job.DeleteEnabled);
        Assert.Equal("-artuz", job.RsyncParams);
        Assert.Equal(120, plan.Settings!.RetryIntervalMinutes); // 7200 s when timeToExecute is absent
        Assert.Null(plan.Settings.FullSyncIntervalMinutes);
        Assert.False(plan.Settings.Debug);
        Single(plan, ImportSeverity.Warning, "<inotify> is missing");
        Single(plan, ImportSeverity.Warning, "<sersync><rsync> is missing");
        Single(plan, ImportSeverity.Warning, "<failLog> is missing");
        Single(plan, ImportSeverity.Warning, "<debug> is missing");
        Single(plan, ImportSeverity.Warning, "<sersync/plugin> is missing");
    }

    [Fact]
    public void Import_MissingSingleAttributes_UsesDefaultsAndNamesTheAttribute()
    {
        var xml = ConfxmlFixtures.Text("full-default.xml")
            .Replace("<closeWrite start=\"true\"/>", "<closeWrite/>")
            .Replace("<commonParams params=\"-artuz\"/>", "<commonParams/>")
            .Replace(" timeToExecute=\"60\"", "");

        var plan = ImportText(xml);

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.True(plan.Job!.Events.HasFlag(SyncEventMask.CloseWrite));
        Assert.Equal("-artuz", plan.Job.RsyncParams);
        Assert.Equal(120, plan.Settings!.RetryIntervalMinutes);
        Assert.Equal(16, Single(plan, ImportSeverity.Warning, "inotify/closeWrite@start is missing").Line);
        Single(plan, ImportSeverity.Warning, "commonParams@params is missing");
        Single(plan, ImportSeverity.Warning, "failLog has no timeToExecute");
    }

    [Fact]
    public void Import_EventsDebugAndXfs_MapEveryInotifyFlag()
    {
        var plan = Import("debug-xfs-events.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Equal(SyncEventMask.All & ~SyncEventMask.Delete, plan.Job!.Events);
        Assert.False(plan.Job.DeleteEnabled);
        Assert.True(plan.Settings!.Debug);
        Single(plan, ImportSeverity.Ignored, "fileSystem xfs=\"true\"");
    }

    [Theory]
    [InlineData("delete", SyncEventMask.Delete)]
    [InlineData("createFolder", SyncEventMask.CreateFolder)]
    [InlineData("createFile", SyncEventMask.CreateFile)]
    [InlineData("closeWrite", SyncEventMask.CloseWrite)]
    [InlineData("moveFrom", SyncEventMask.MoveFrom)]
    [InlineData("moveTo", SyncEventMask.MoveTo)]
    [InlineData("attrib", SyncEventMask.Attrib)]
    [InlineData("modify", SyncEventMask.Modify)]
    public void Import_SingleEventOn_MapsToItsFlag(string element, SyncEventMask flag)
    {
        var xml = ConfxmlFixtures.Text("full-default.xml").Replace("start=\"true\"/>", "start=\"false\"/>")
            .Replace($"<{element} start=\"false\"/>", $"<{element} start=\"true\"/>");

        var plan = ImportText(xml);

        Assert.Equal(flag, plan.Job!.Events);
        Assert.Equal(flag == SyncEventMask.Delete, plan.Job.DeleteEnabled);
    }

    [Fact]
    public void Import_FailLogZero_RetriesEveryMinuteWithAWarning()
    {
        var plan = Import("faillog-zero.xml");

        Assert.Equal(1, plan.Settings!.RetryIntervalMinutes);
        Single(plan, ImportSeverity.Warning, "timeToExecute=\"0\"");
    }

    [Fact]
    public void Import_CommandPluginEnabled_MapsPrefixSuffixAndIncludeFilter()
    {
        var plan = Import("plugin-command.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Equal(PluginKind.Command, plan.Settings!.EnabledPlugin);
        var command = plan.Settings.Command!;
        Assert.Equal("/usr/local/bin/notify.sh", command.Prefix);
        Assert.Equal("--quiet", command.Suffix);
        Assert.False(command.IgnoreError);
        Assert.True(command.FilterEnabled);
        Assert.Equal(["(.*)\\.php", "(.*)\\.sh"], command.IncludeRegexes);
    }

    [Fact]
    public void Import_SocketPluginEnabledWithOtherWatch_WatchesThePluginPathLikeSersync()
    {
        var plan = Import("plugin-socket.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Equal(PluginKind.Socket, plan.Settings!.EnabledPlugin);
        Assert.Equal("/srv/other", plan.Job!.WatchPath);
        Assert.Equal(54, Single(plan, ImportSeverity.Warning, "replaces the sync watch path").Line);
    }

    [Fact]
    public void Import_RefreshCdnPluginEnabled_MapsSettingsAndKeepsThePasswordOutOfTheReport()
    {
        var plan = Import("plugin-refreshcdn.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.Equal(PluginKind.RefreshCdn, plan.Settings!.EnabledPlugin);
        Assert.Equal(new RefreshCdnPluginSettings
        {
            DomainName = "purge.example.com", Port = 80, UserName = "cdnuser", Password = "cdn-secret-42",
            BaseUrl = "http://static.example.com/www", UseRegex = true, Match = "www([/a-zA-Z0-9]*).example.com/images",
        }, plan.Settings.RefreshCdn);
        Assert.Equal("/srv/www", plan.Job!.WatchPath);
        Assert.DoesNotContain("cdn-secret-42", plan.Report.ToString());
    }

    [Fact]
    public void Import_RefreshCdnEnabledButIncomplete_FailsLikeSersync()
    {
        var plan = Import("plugin-refreshcdn-incomplete.xml");

        Assert.False(plan.CanImport);
        Assert.Equal(59, Single(plan, ImportSeverity.Error, "lacks cdninfo@username").Line);
    }

    [Fact]
    public void Import_HttpPlugin_EnabledIsAnErrorAndTheBlockIsIgnored()
    {
        var plan = Import("plugin-http-enabled.xml");

        Assert.False(plan.CanImport);
        Assert.Equal(42, Single(plan, ImportSeverity.Error, "enables \"http\"").Line);
        Assert.Equal(65, Single(plan, ImportSeverity.Ignored, "<plugin name=\"http\">").Line);
    }

    [Fact]
    public void Import_PluginNameInWrongCase_IsAnErrorBecauseSersyncComparesItExactly()
    {
        var plan = Import("plugin-wrong-case.xml");

        Assert.False(plan.CanImport);
        Assert.Contains("case-sensitive", Single(plan, ImportSeverity.Error, "enables \"Command\"").Message);
    }

    [Fact]
    public void Import_UnknownElementsAttributesDuplicatesAndStrayText_AreIgnoredWithLines()
    {
        var plan = Import("stray-text-and-unknown.xml");

        Assert.True(plan.CanImport, plan.Report.ToString());
        Assert.True(plan.Settings!.Debug); // the first <debug> wins
        Assert.Equal(22, Single(plan, ImportSeverity.Ignored, "duplicate <debug>: sersync reads only the first one (line 21)").Line);
        Assert.Equal(8, Single(plan, ImportSeverity.Ignored, "stray text \"-->\"").Line);
        Assert.Equal(5, Single(plan, ImportSeverity.Ignored, "@owner=\"ops\"").Line);
        Assert.Equal(6, Single(plan, ImportSeverity.Ignored, "remote@mode=\"push\"").Line);
        Assert.Equal(15, Single(plan, ImportSeverity.Ignored, "unknown element <compress>").Line);
        Assert.Equal(23, Single(plan, ImportSeverity.Ignored, "unknown element <monitoring>").Line);
        Assert.DoesNotContain(plan.Report.Items, i => i.Message.Contains("<endpoint>"));
    }

    [Fact]
    public void Import_CrLfLineEndings_ImportTheSameJob()
    {
        var lf = Import("full-default.xml");
        var crlf = ImportText(ConfxmlFixtures.Text("full-default.xml").Replace("\n", "\r\n"));

        Assert.True(crlf.CanImport);
        Assert.Equal(ConfxmlRoundTripTests.Snapshot(lf), ConfxmlRoundTripTests.Snapshot(crlf));
    }

    [Fact]
    public void Import_JobNameOption_OverridesTheDerivedName()
    {
        var plan = new ConfxmlImporter(new ConfxmlImportOptions { DirectoryExists = _ => true, JobName = "legacy www" })
            .Import(ConfxmlFixtures.Bytes("full-default.xml"));

        Assert.Equal("legacy www", plan.Job!.Name);
    }

    [Fact]
    public void Import_StartedWithoutFullSync_HasNoInitialFullSync()
    {
        var plan = new ConfxmlImporter(new ConfxmlImportOptions { DirectoryExists = _ => true, StartedWithFullSync = false })
            .Import(ConfxmlFixtures.Bytes("full-default.xml"));

        Assert.False(plan.Job!.InitialFullSync);
        Assert.True(plan.Job.ReconcileAfterTrouble); // the job's default, which still reconciles once at start
        Single(plan, ImportSeverity.Info, "initial full sync off (sersync ran without -r), but 'full sync after trouble' is on, " +
                                          "so the job still reconciles once at start; turn it off on the job to skip that");
        Assert.DoesNotContain(plan.Report.Items, i => i.Message == "no full sync when the job starts");
    }

    [Fact]
    public void Import_CrontabFilterWithRegexSyntax_WarnsThatItTakesGlobs()
    {
        var xml = ConfxmlFixtures.Text("filter-and-crontab.xml").Replace("<exclude expression=\"*.log\"/>", "<exclude expression=\"(.*)\\.log\"/>");

        var plan = ImportText(xml);

        Assert.True(plan.CanImport);
        Assert.Equal(28, Single(plan, ImportSeverity.Warning, "crontabfilter takes rsync glob patterns").Line);
    }

    [Fact]
    public void Import_SameRemoteTwice_ImportsItOnceWithAWarning()
    {
        var xml = ConfxmlFixtures.Text("full-default.xml").Replace(
            "<remote ip=\"10.0.0.5\" name=\"www\"/>", "<remote ip=\"10.0.0.5\" name=\"www\"/><remote ip=\"10.0.0.5\" name=\"www\"/>");

        var plan = ImportText(xml);

        Assert.True(plan.CanImport);
        Assert.Single(plan.Job!.Remotes);
        Assert.Equal(25, Single(plan, ImportSeverity.Warning, "listed twice").Line);
    }
}
