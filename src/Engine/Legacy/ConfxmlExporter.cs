using System.Xml.Linq;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Engine.Legacy;

/// <summary>
/// Writes a job back as a confxml.xml that sersync 2.5 accepts: the full default skeleton with every attribute
/// present (sersync crashes on a missing one), holding the job's values.
/// </summary>
public static class ConfxmlExporter
{
    public const string DefaultPasswordFile = "/etc/rsync.pas";
    public const string DefaultFailLogPath = "/tmp/rsync_fail_log.sh";

    /// <summary>sersync pushes to <c>ip::name</c> (or <c>ip:name</c>): the job's destination folder joins the module or path.</summary>
    private static string RemoteName(RemoteDefinition remote) =>
        remote.Destination.Length == 0 ? remote.ModuleOrPath : remote.ModuleOrPath.TrimEnd('/') + "/" + remote.Destination;

    public static ConfxmlExport Export(JobDefinition job, ConfxmlJobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(settings);
        if (job.Remotes.Count == 0)
            throw new ArgumentException($"job \"{job.Name}\" has no remotes; sersync exits without a <remote>", nameof(job));

        var warnings = new List<string>();
        CheckJob(job, settings, warnings);
        var first = job.Remotes[0];
        CheckRemotes(job.Remotes, warnings);

        var ssh = first.Transport == RemoteTransport.Ssh;
        var authOn = first.User is not null || first.Password is not null || settings.NeedsPassword;
        var passwordFile = settings.PasswordFilePath ?? DefaultPasswordFile;
        if (authOn && !ssh && first.Password is not null)
            warnings.Add($"sersync reads the rsync password from \"{passwordFile}\": write it there (mode 0600) on the sersync machine");
        if (ssh && first.Port is not null)
            warnings.Add($"remote \"{first.Name}\": sersync cannot pass an ssh port (it runs a plain \"-e ssh\"); port {first.Port} is not exported");

        var (enabledPlugin, pluginName) = EnabledPlugin(settings, warnings);
        var crontabOn = settings.FullSyncIntervalMinutes is > 0;

        var root = new XElement("head", new XAttribute("version", "2.5"),
            new XElement("host", new XAttribute("hostip", "localhost"), new XAttribute("port", "8008")),
            Switch("debug", settings.Debug),
            new XElement("fileSystem", new XAttribute("xfs", "false")),
            new XElement("filter", StartAttribute(job.ExcludeRegexes.Count > 0),
                job.ExcludeRegexes.Select(r => new XElement("exclude", new XAttribute("expression", r)))),
            new XElement("inotify",
                Switch("delete", job.DeleteEnabled),
                Switch("createFolder", job.Events.HasFlag(SyncEventMask.CreateFolder)),
                Switch("createFile", job.Events.HasFlag(SyncEventMask.CreateFile)),
                Switch("closeWrite", job.Events.HasFlag(SyncEventMask.CloseWrite)),
                Switch("moveFrom", job.Events.HasFlag(SyncEventMask.MoveFrom)),
                Switch("moveTo", job.Events.HasFlag(SyncEventMask.MoveTo)),
                Switch("attrib", job.Events.HasFlag(SyncEventMask.Attrib)),
                Switch("modify", job.Events.HasFlag(SyncEventMask.Modify))),
            new XElement("sersync",
                new XElement("localpath", new XAttribute("watch", job.WatchPath),
                    job.Remotes.Select(r => new XElement("remote", new XAttribute("ip", r.Host), new XAttribute("name", RemoteName(r))))),
                new XElement("rsync",
                    new XElement("commonParams", new XAttribute("params", job.RsyncParams)),
                    new XElement("auth", StartAttribute(authOn), new XAttribute("users", first.User ?? ""),
                        new XAttribute("passwordfile", authOn ? passwordFile : DefaultPasswordFile)),
                    new XElement("userDefinedPort", StartAttribute(!ssh && first.Port is not null), new XAttribute("port", ssh ? 874 : first.Port ?? 874)),
                    new XElement("timeout", StartAttribute(first.TimeoutSeconds is > 0), new XAttribute("time", first.TimeoutSeconds ?? 100)),
                    Switch("ssh", ssh)),
                new XElement("failLog", new XAttribute("path", DefaultFailLogPath), new XAttribute("timeToExecute", Math.Max(1, settings.RetryIntervalMinutes))),
                new XElement("crontab", StartAttribute(crontabOn), new XAttribute("schedule", crontabOn ? settings.FullSyncIntervalMinutes!.Value : 600),
                    new XElement("crontabfilter", StartAttribute(job.FullSyncExcludes.Count > 0),
                        job.FullSyncExcludes.Select(g => new XElement("exclude", new XAttribute("expression", g))))),
                new XElement("plugin", StartAttribute(enabledPlugin), new XAttribute("name", pluginName))),
            CommandBlock(settings.Command ?? new CommandPluginSettings()),
            SocketBlock(job.WatchPath, settings.Socket),
            RefreshCdnBlock(job.WatchPath, settings.RefreshCdn));

        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.None) + "\n";
        return new ConfxmlExport(xml, warnings);
    }

    private static XAttribute StartAttribute(bool on) => new("start", on ? "true" : "false");

    private static XElement Switch(string name, bool on) => new(name, StartAttribute(on));

    private static (bool On, string Name) EnabledPlugin(ConfxmlJobSettings settings, List<string> warnings)
    {
        switch (settings.EnabledPlugin)
        {
            case null:
                return (false, "command");
            case PluginKind.Command:
                return (true, "command");
            case PluginKind.Socket when settings.Socket is not null:
                return (true, "socket");
            case PluginKind.RefreshCdn when settings.RefreshCdn is not null:
                return (true, "refreshCDN");
            case PluginKind.Http:
                warnings.Add("sersync's http plugin was compiled out in 2.2; the webhook is not exported and the plugin is off");
                return (false, "command");
            default:
                warnings.Add($"the {settings.EnabledPlugin} plugin is enabled without settings; exported as off");
                return (false, "command");
        }
    }

    private static XElement CommandBlock(CommandPluginSettings command) =>
        new("plugin", new XAttribute("name", "command"),
            new XElement("param", new XAttribute("prefix", command.Prefix), new XAttribute("suffix", command.Suffix),
                new XAttribute("ignoreError", command.IgnoreError ? "true" : "false")),
            new XElement("filter", StartAttribute(command.FilterEnabled),
                command.IncludeRegexes.Select(r => new XElement("include", new XAttribute("expression", r)))));

    // sersync reads these blocks only when the plugin is enabled, so empty values are safe when there are no settings.
    private static XElement SocketBlock(string watch, SocketPluginSettings? socket) =>
        new("plugin", new XAttribute("name", "socket"),
            new XElement("localpath", new XAttribute("watch", watch),
                new XElement("deshost", new XAttribute("ip", socket?.Host ?? ""), new XAttribute("port", socket?.Port.ToString() ?? ""))));

    private static XElement RefreshCdnBlock(string watch, RefreshCdnPluginSettings? cdn) =>
        new("plugin", new XAttribute("name", "refreshCDN"),
            new XElement("localpath", new XAttribute("watch", watch),
                new XElement("cdninfo", new XAttribute("domainname", cdn?.DomainName ?? ""), new XAttribute("port", cdn?.Port.ToString() ?? ""),
                    new XAttribute("username", cdn?.UserName ?? ""), new XAttribute("passwd", cdn?.Password ?? "")),
                new XElement("sendurl", new XAttribute("base", cdn?.BaseUrl ?? "")),
                new XElement("regexurl", new XAttribute("regex", cdn?.UseRegex == true ? "true" : "false"), new XAttribute("match", cdn?.Match ?? ""))));

    private static void CheckJob(JobDefinition job, ConfxmlJobSettings settings, List<string> warnings)
    {
        var defaults = new JobDefinition { Id = 0, Name = "", WatchPath = "/" };
        if (job.Events.HasFlag(SyncEventMask.Delete) != job.DeleteEnabled)
            warnings.Add($"sersync ties the delete event to --delete; exported delete start=\"{(job.DeleteEnabled ? "true" : "false")}\" from the delete setting");
        if (!job.IgnoreTempFiles)
            warnings.Add("sersync always ignores .*, *~ and 4913 files in real time; that cannot be turned off there");
        if (job.SettleDelay != defaults.SettleDelay || job.MaxBatchPaths != defaults.MaxBatchPaths)
            warnings.Add("sersync has no settle delay or batch size; those settings are not exported");
        if (job.ExcludeRegexes.Count > 0 && job.InitialFullSync)
            warnings.Add("with filter excludes sersync ignores -r, so the initial full sync will not happen there");
        else if (job.InitialFullSync)
            warnings.Add("start sersync with -r to get the initial full sync (it is a command-line flag, not part of confxml.xml)");
        if (settings.FullSyncIntervalMinutes is > 0 && job.ExcludeRegexes.Count > 0 && job.FullSyncExcludes.Count == 0)
            warnings.Add("sersync disables crontab when filter has excludes and crontabfilter is empty, so the periodic full sync will not run there");
    }

    private static void CheckRemotes(IReadOnlyList<RemoteDefinition> remotes, List<string> warnings)
    {
        var first = remotes[0];
        foreach (var remote in remotes)
        {
            if (remote != first && (remote.Transport != first.Transport || remote.User != first.User || remote.Port != first.Port ||
                                    remote.TimeoutSeconds != first.TimeoutSeconds || remote.Password != first.Password))
                warnings.Add($"sersync has one transport, user, password, port and timeout for all remotes; remote \"{remote.Name}\" gets those of \"{first.Name}\"");
            if (remote.ExtraArgs.Length > 0 || remote.BandwidthLimitKbps is not null || remote.SshKeyPath is not null || remote.KnownHostsPath is not null)
                warnings.Add($"remote \"{remote.Name}\": extra arguments, bandwidth limit, ssh key and known hosts file cannot be expressed in confxml.xml; not exported");
            if (remote.ModuleOrPath.Any(char.IsWhiteSpace) || remote.Host.Any(char.IsWhiteSpace))
                warnings.Add($"remote \"{remote.Name}\": sersync passes host and module unquoted to the shell, so whitespace breaks it");
        }
    }
}
