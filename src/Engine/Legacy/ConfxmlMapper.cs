using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Engine.Legacy;

/// <summary>
/// One import: walks the document the way sersync 2.5 reads it (names case-insensitive, first element wins,
/// switches on only for exactly "true") and reports everything it maps, defaults, ignores or rejects.
/// </summary>
internal sealed partial class ConfxmlMapper(ConfxmlImportOptions options, ImportReport report)
{
    private const string DefaultParams = "-artuz";
    private const int DefaultSchedule = 600;
    private const int DefaultRetryMinutesWhenAbsent = 120; // sersync: 7200 s when timeToExecute is missing

    private readonly HashSet<XElement> _consumed = [];
    private readonly HashSet<XElement> _handled = [];
    private readonly HashSet<XAttribute> _consumedAttributes = [];

    public ConfxmlImportPlan Map(XElement root)
    {
        _consumed.Add(root);
        if (Attr(root, "version") is { } version)
            report.Ignore($"head@version=\"{version}\" is never read by sersync", Line(root));

        MapHost(root);
        var debug = Switch(Child(root, "debug"), root, "debug", "start", false);
        MapFileSystem(root);
        var (filterOn, liveExcludes) = ReadFilter(root);
        var (events, deleteOn) = ReadEvents(root);

        var sersync = Child(root, "sersync");
        if (sersync is null)
        {
            report.Error("there is no <sersync> element, so there is no watch path or remote (sersync exits: \"You must specify the watch localpath\")", Line(root));
            FinishWalk(root);
            return new ConfxmlImportPlan { Report = report };
        }

        var watch = ReadWatchPath(sersync);
        var rsync = ReadRsync(sersync);
        var remotes = ReadRemotes(sersync, rsync);
        var retryMinutes = ReadFailLog(sersync);
        var (fullSyncExcludesOn, fullSyncExcludes) = ReadCrontabFilter(sersync, out var crontabOn, out var schedule, out var crontabLine);
        var plugins = ReadPlugins(root, sersync);

        if (plugins.WatchOverride is { } overridden && watch is not null && overridden.Value != watch)
        {
            report.Warn($"the enabled {plugins.Enabled} plugin's localpath watch=\"{overridden.Value}\" replaces the sync watch path " +
                        $"\"{watch}\" in sersync, so the job watches \"{overridden.Value}\"", overridden.Line);
            watch = overridden.Value;
        }
        if (watch is not null && !options.DirectoryExists(watch))
            report.Error($"the watch path \"{watch}\" does not exist on this machine", _watchLine);

        var liveRegexes = filterOn ? liveExcludes.Select(e => e.Value).ToList() : [];
        var initialFullSync = options.StartedWithFullSync;
        if (filterOn && liveExcludes.Count > 0 && initialFullSync)
        {
            initialFullSync = false;
            report.Warn("filter is on with excludes, so sersync skips its -r initial full sync (\"you set the filter so the -r can not work\"); imported with the initial full sync off", _filterLine);
        }

        int? fullSyncInterval = crontabOn ? schedule : null;
        if (crontabOn && filterOn && liveExcludes.Count > 0 && (!fullSyncExcludesOn || fullSyncExcludes.Count == 0))
        {
            fullSyncInterval = null;
            report.Warn("crontab is on, but filter has excludes while crontabfilter is off or empty, so sersync disables the crontab; imported without a periodic full sync", crontabLine);
        }

        FinishWalk(root);

        if (watch is null)
            return new ConfxmlImportPlan { Report = report };

        var job = new JobDefinition
        {
            Id = 0,
            Name = options.JobName ?? DefaultJobName(watch),
            WatchPath = watch,
            Events = events,
            DeleteEnabled = deleteOn,
            RsyncParams = rsync.Params,
            ExcludeRegexes = liveRegexes,
            FullSyncExcludes = fullSyncExcludesOn ? fullSyncExcludes : [],
            IgnoreTempFiles = true,
            InitialFullSync = initialFullSync,
            Remotes = remotes,
        };
        var settings = new ConfxmlJobSettings
        {
            FullSyncIntervalMinutes = fullSyncInterval,
            RetryIntervalMinutes = retryMinutes,
            PasswordFilePath = rsync.AuthOn && rsync.PasswordFile.Length > 0 ? rsync.PasswordFile : null,
            NeedsPassword = _needsPassword,
            EnabledPlugin = plugins.Enabled,
            Command = plugins.Command,
            Socket = plugins.Socket,
            RefreshCdn = plugins.RefreshCdn,
            Debug = debug,
        };
        Describe(job, settings);
        return new ConfxmlImportPlan { Job = job, Settings = settings, Report = report };
    }

    // ---- head-level elements -------------------------------------------------------------------------------

    private void MapHost(XElement root)
    {
        if (Child(root, "host") is not { } host) return;
        var ip = Attr(host, "hostip");
        var port = Attr(host, "port");
        report.Ignore($"<host hostip=\"{ip}\" port=\"{port}\"> is printed by sersync and used for nothing else (reserved for plugins)", Line(host));
    }

    private void MapFileSystem(XElement root)
    {
        var fileSystem = Child(root, "fileSystem");
        var xfs = Switch(fileSystem, root, "fileSystem", "xfs", false);
        if (fileSystem is not null)
            report.Ignore($"fileSystem xfs=\"{(xfs ? "true" : "false")}\" only made sersync use stat() to find directories on xfs/reiserfs; SyncConsole's watcher needs no such switch", Line(fileSystem));
    }

    private int? _filterLine;

    private (bool On, List<Located> Excludes) ReadFilter(XElement root)
    {
        var filter = Child(root, "filter");
        _filterLine = filter is null ? null : Line(filter);
        var on = Switch(filter, root, "filter", "start", false);
        var excludes = FilterItems(filter, "exclude", "filter");
        foreach (var exclude in excludes)
        {
            if (on) CompileRegex(exclude, "filter/exclude", asError: true);
            else CompileRegex(exclude, "filter/exclude (filter is off)", asError: false);
        }
        if (filter is not null && !on && excludes.Count > 0)
            report.Ignore($"filter is off, so its {excludes.Count} exclude regex(es) have no effect in sersync and are not imported", Line(filter));
        return (on, excludes);
    }

    private static readonly (string Name, SyncEventMask Flag, bool Default)[] EventElements =
    [
        ("delete", SyncEventMask.Delete, true),
        ("createFolder", SyncEventMask.CreateFolder, true),
        ("createFile", SyncEventMask.CreateFile, false),
        ("closeWrite", SyncEventMask.CloseWrite, true),
        ("moveFrom", SyncEventMask.MoveFrom, true),
        ("moveTo", SyncEventMask.MoveTo, true),
        ("attrib", SyncEventMask.Attrib, false),
        ("modify", SyncEventMask.Modify, false),
    ];

    private (SyncEventMask Events, bool Delete) ReadEvents(XElement root)
    {
        var inotify = Child(root, "inotify");
        if (inotify is null)
        {
            report.Warn("<inotify> is missing (sersync would crash); using sersync's default events: delete, createFolder, closeWrite, moveFrom, moveTo", Line(root));
            return (SyncEventMask.SersyncDefault, true);
        }
        var mask = SyncEventMask.None;
        foreach (var (name, flag, def) in EventElements)
        {
            if (Switch(Child(inotify, name), inotify, "inotify/" + name, "start", def)) mask |= flag;
        }
        if ((mask & SyncEventMask.CreateFolder) == 0)
            report.Warn("createFolder is off: in sersync new subdirectories were then never watched; SyncConsole ignores directory creation events the same way", Line(inotify));
        if ((mask & SyncEventMask.Attrib) != 0)
            report.Info("attrib is on: sersync ran its delete-style filtered sync for attribute changes, which transfers the file; SyncConsole syncs the path", Line(inotify));
        return (mask, (mask & SyncEventMask.Delete) != 0);
    }

    // ---- sersync/localpath and remotes ---------------------------------------------------------------------

    private int? _watchLine;
    private XElement? _localpath;

    private string? ReadWatchPath(XElement sersync)
    {
        var localpaths = Elements(sersync, "localpath").ToList();
        if (localpaths.Count == 0)
        {
            report.Error("<sersync> has no <localpath watch=...> (sersync exits: \"You must specify the watch localpath\")", Line(sersync));
            return null;
        }
        _localpath = localpaths[0];
        _consumed.Add(_localpath);
        _watchLine = Line(_localpath);
        foreach (var extra in localpaths.Skip(1))
        {
            _handled.Add(extra);
            report.Warn($"sersync uses only the first <localpath> (line {_watchLine}); this one (watch=\"{AttrValue(extra, "watch")}\") is not imported: run one import per directory", Line(extra));
        }

        var watch = Attr(_localpath, "watch");
        if (string.IsNullOrEmpty(watch))
        {
            report.Error("<localpath> has no watch path (sersync exits: \"You must specify the watch localpath\")", _watchLine);
            return null;
        }
        if (HasPlaceholder(watch)) return null;
        if (!watch.StartsWith('/'))
        {
            report.Error($"the watch path \"{watch}\" is not absolute", _watchLine);
            return null;
        }
        return StripTrailingSlash(watch);
    }

    /// <summary>sersync's SplitLastSlash: one trailing slash is removed, nothing else is normalised.</summary>
    internal static string StripTrailingSlash(string path) =>
        path.Length > 1 && path.EndsWith('/') ? path[..^1] : path;

    private bool _needsPassword;

    private List<RemoteDefinition> ReadRemotes(XElement sersync, RsyncOptions rsync)
    {
        var remotes = new List<RemoteDefinition>();
        if (_localpath is null) return remotes;

        var elements = Elements(_localpath, "remote").ToList();
        if (elements.Count == 0)
        {
            report.Error("<localpath> has no <remote ip=... name=...> (sersync exits)", _watchLine);
            return remotes;
        }

        string? password = null;
        var passwordRead = false;
        foreach (var element in elements)
        {
            _consumed.Add(element);
            var line = Line(element);
            var ip = Attr(element, "ip");
            var name = Attr(element, "name");
            var what = rsync.Ssh ? "remote path" : "daemon module";
            if (string.IsNullOrEmpty(ip))
            {
                report.Error("<remote> has no ip (sersync exits: \"error remote servers ip and moudle empty\")", line);
                continue;
            }
            if (string.IsNullOrEmpty(name))
            {
                report.Error($"<remote ip=\"{ip}\"> has no name (the {what}; sersync exits: \"error remote servers ip and moudle empty\")", line);
                continue;
            }
            var valid = true;
            if (!HasPlaceholder(ip) && !IsHostName(ip))
            {
                report.Error($"remote ip \"{ip}\" is not a host name or IP address (an unfilled placeholder?)", line);
                valid = false;
            }
            if (!HasPlaceholder(name) && name.Any(char.IsWhiteSpace))
            {
                report.Error($"remote name \"{name}\" contains whitespace: sersync passed it unquoted to the shell, so this {what} never worked (an unfilled placeholder?)", line);
                valid = false;
            }
            if (!valid || HasPlaceholder(ip) || HasPlaceholder(name)) continue;

            var remoteName = rsync.Ssh ? $"{ip}:{name}" : $"{ip}::{name}";
            if (remotes.Any(r => r.Name == remoteName))
            {
                report.Warn($"remote \"{remoteName}\" is listed twice: sersync pushed every change to it twice; imported once", line);
                continue;
            }

            if (rsync.Ssh && !name.StartsWith('/'))
                report.Warn($"with ssh on, remote name \"{name}\" is a path on {ip}, relative to the ssh user's home directory", line);

            if (rsync.AuthOn && !rsync.Ssh && rsync.PasswordFile.Length > 0 && !passwordRead)
            {
                (password, var problem) = options.ReadPasswordFile(rsync.PasswordFile);
                passwordRead = true;
                if (string.IsNullOrEmpty(password))
                {
                    password = null;
                    _needsPassword = true;
                    report.Warn($"the password file \"{rsync.PasswordFile}\" {problem ?? "cannot be read here"}: the remotes need a password before they can sync", rsync.AuthLine);
                }
                else
                {
                    report.Info($"the rsync password was read from \"{rsync.PasswordFile}\"", rsync.AuthLine);
                }
            }

            // sersync pushed to "ip::name": a name "www/site" is the folder "site" of module "www", the job's destination.
            var (module, destination) = (name, "");
            if (!rsync.Ssh && name.IndexOf('/') is > 0 and var slash)
            {
                (module, destination) = (name[..slash], RemoteDestination.Normalise(name[(slash + 1)..]));
                if (RemoteDestination.Problem(destination) is { } problem)
                {
                    report.Error($"remote name \"{name}\": {problem}", line);
                    continue;
                }
                if (destination.Length > 0)
                    report.Info($"remote name \"{name}\" is folder \"{destination}\" of module \"{module}\": imported as the job's destination folder on that module", line);
            }

            remotes.Add(new RemoteDefinition
            {
                Id = 0,
                Name = remoteName,
                Host = ip,
                Transport = rsync.Ssh ? RemoteTransport.Ssh : RemoteTransport.Daemon,
                ModuleOrPath = module,
                Destination = destination,
                User = rsync.AuthOn && rsync.Users.Length > 0 ? rsync.Users : null,
                Password = rsync.Ssh ? null : password,
                Port = rsync.Ssh ? null : rsync.Port,
                TimeoutSeconds = rsync.Timeout,
            });
        }
        if (rsync.AuthOn && !rsync.Ssh && rsync.PasswordFile.Length == 0)
            report.Warn("auth is on without a passwordfile: rsync will ask for a password it cannot get; the remotes need a password", rsync.AuthLine);
        if (rsync.AuthOn && !rsync.Ssh && rsync.PasswordFile.Length == 0) _needsPassword = true;
        return remotes;
    }

    private static bool IsHostName(string value) =>
        IPAddress.TryParse(value, out _) || HostNamePattern().IsMatch(value);

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$")]
    private static partial Regex HostNamePattern();

    // ---- sersync/rsync ------------------------------------------------------------------------------------

    private sealed record RsyncOptions(string Params, bool AuthOn, string Users, string PasswordFile, int? AuthLine, int? Port, int? Timeout, bool Ssh);

    private RsyncOptions ReadRsync(XElement sersync)
    {
        var rsync = Child(sersync, "rsync");
        if (rsync is null)
        {
            report.Warn("<sersync><rsync> is missing (sersync would crash); using sersync's defaults: params -artuz, no auth, port, timeout or ssh", Line(sersync));
            return new RsyncOptions(DefaultParams, false, "", "", null, null, null, false);
        }

        var common = Child(rsync, "commonParams");
        var parameters = Attr(common, "params");
        if (parameters is null)
        {
            report.Warn($"sersync/rsync/commonParams@params is missing (sersync would crash); using the default \"{DefaultParams}\"", Line(common ?? rsync));
            parameters = DefaultParams;
        }
        else if (parameters.Trim().Length == 0)
        {
            report.Warn("commonParams params is empty: sersync then ran rsync with -R only (no -a, not recursive)", Line(common!));
        }

        var ssh = Switch(Child(rsync, "ssh"), rsync, "sersync/rsync/ssh", "start", false);

        var auth = Child(rsync, "auth");
        var authOn = Switch(auth, rsync, "sersync/rsync/auth", "start", false);
        var users = Attr(auth, "users") ?? "";
        var passwordFile = Attr(auth, "passwordfile") ?? "";
        if (authOn && ssh && passwordFile.Length > 0)
            report.Ignore($"auth passwordfile \"{passwordFile}\" is ignored by rsync over ssh (ssh keys authenticate); only the user \"{users}\" is imported", Line(auth!));

        var portElement = Child(rsync, "userDefinedPort");
        var portOn = Switch(portElement, rsync, "sersync/rsync/userDefinedPort", "start", false);
        var portText = Attr(portElement, "port");
        int? port = null;
        if (portOn)
        {
            if (int.TryParse(portText, out var p) && p is > 0 and < 65536)
            {
                if (ssh) report.Ignore($"userDefinedPort {p} is ignored by rsync over ssh (--port only applies to daemons); set the ssh port on the remote if needed", Line(portElement!));
                else port = p;
            }
            else if (!HasPlaceholder(portText ?? ""))
            {
                report.Error($"userDefinedPort is on but port=\"{portText}\" is not a port number (1-65535)", Line(portElement!));
            }
        }

        var timeoutElement = Child(rsync, "timeout");
        var timeoutOn = Switch(timeoutElement, rsync, "sersync/rsync/timeout", "start", false);
        var timeText = Attr(timeoutElement, "time");
        int? timeout = null;
        if (timeoutOn)
        {
            var seconds = Atoi(timeText);
            if (seconds > 0) timeout = seconds;
            else report.Warn($"timeout is on but time=\"{timeText}\" is not a positive number; rsync's --timeout={seconds} means no timeout, imported as none", Line(timeoutElement!));
        }

        return new RsyncOptions(parameters, authOn, users, passwordFile, auth is null ? null : Line(auth), port, timeout, ssh);
    }

    // ---- failLog and crontab --------------------------------------------------------------------------------

    private int ReadFailLog(XElement sersync)
    {
        var failLog = Child(sersync, "failLog");
        if (failLog is null)
        {
            report.Warn($"<failLog> is missing (sersync would crash); retrying failed deliveries every {DefaultRetryMinutesWhenAbsent} minutes, sersync's built-in interval", Line(sersync));
            return DefaultRetryMinutesWhenAbsent;
        }
        var path = Attr(failLog, "path");
        report.Ignore($"failLog path=\"{path}\": SyncConsole keeps failed deliveries in its database and retries them itself instead of writing a shell script", Line(failLog));

        var text = Attr(failLog, "timeToExecute");
        if (text is null)
        {
            report.Warn($"failLog has no timeToExecute; using sersync's built-in {DefaultRetryMinutesWhenAbsent} minutes", Line(failLog));
            return DefaultRetryMinutesWhenAbsent;
        }
        var minutes = Atoi(text);
        if (minutes <= 0)
        {
            report.Warn($"failLog timeToExecute=\"{text}\" is not positive: sersync then ran the retry script at every idle minute; imported as 1 minute", Line(failLog));
            return 1;
        }
        report.Info($"failed deliveries are retried every {minutes} minute(s) (failLog timeToExecute)", Line(failLog));
        return minutes;
    }

    private (bool On, List<string> Globs) ReadCrontabFilter(XElement sersync, out bool crontabOn, out int schedule, out int? crontabLine)
    {
        var crontab = Child(sersync, "crontab");
        crontabLine = crontab is null ? Line(sersync) : Line(crontab);
        crontabOn = Switch(crontab, sersync, "sersync/crontab", "start", false);
        schedule = DefaultSchedule;
        var scheduleText = Attr(crontab, "schedule");
        if (crontabOn)
        {
            var minutes = Atoi(scheduleText);
            if (minutes > 0) schedule = minutes;
            else report.Warn($"crontab schedule=\"{scheduleText}\" is not a positive number; sersync then used {DefaultSchedule} minutes", crontabLine);
        }

        var filter = crontab is null ? null : Child(crontab, "crontabfilter");
        if (crontab is not null && filter is null)
            report.Warn("<crontabfilter> is missing; treated as off like an empty one", crontabLine);
        var on = filter is not null && Switch(filter, crontab!, "sersync/crontab/crontabfilter", "start", false);
        var globs = FilterItems(filter, "exclude", "crontabfilter");
        foreach (var glob in globs.Where(g => LooksLikeRegex(g.Value)))
            report.Warn($"crontabfilter exclude \"{glob.Value}\" looks like a regex, but crontabfilter takes rsync glob patterns (sersync passes them to --exclude)", glob.Line);
        if (filter is not null && !on && globs.Count > 0)
            report.Ignore($"crontabfilter is off, so its {globs.Count} exclude pattern(s) are not imported", Line(filter));
        return (on, globs.Select(g => g.Value).ToList());
    }

    // Regex-only constructs that are not rsync glob syntax: "(.*)", "\." and anchors.
    private static bool LooksLikeRegex(string pattern) =>
        pattern.Contains("(.*)", StringComparison.Ordinal) || pattern.Contains(@"\.", StringComparison.Ordinal) ||
        pattern.StartsWith('^') || pattern.EndsWith('$');

    // ---- plugins ----------------------------------------------------------------------------------------------

    private sealed record Located(string Value, int? Line);

    private sealed record PluginResult(PluginKind? Enabled, CommandPluginSettings? Command, SocketPluginSettings? Socket, RefreshCdnPluginSettings? RefreshCdn, Located? WatchOverride);

    private PluginResult ReadPlugins(XElement root, XElement sersync)
    {
        var switchElement = Child(sersync, "plugin");
        var on = Switch(switchElement, sersync, "sersync/plugin", "start", false);
        var name = Attr(switchElement, "name") ?? "";

        var blocks = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var block in Elements(root, "plugin"))
        {
            _consumed.Add(block);
            var blockName = Attr(block, "name") ?? "";
            if (blocks.TryGetValue(blockName, out var first))
            {
                _handled.Add(block);
                _consumed.Remove(block);
                report.Ignore($"duplicate <plugin name=\"{blockName}\">: sersync reads only the first one (line {Line(first)})", Line(block));
                continue;
            }
            blocks[blockName] = block;
            if (blockName is "http")
            {
                _handled.Add(block);
                _consumed.Remove(block);
                report.Ignore("<plugin name=\"http\">: the http plugin was compiled out of sersync 2.2 and never ran; SyncConsole's webhook plugin can replace it after import", Line(block));
            }
            else if (blockName is not ("command" or "socket" or "refreshCDN"))
            {
                _handled.Add(block);
                _consumed.Remove(block);
                report.Ignore($"<plugin name=\"{blockName}\"> is not a sersync plugin (names are case-sensitive: command, socket, refreshCDN)", Line(block));
            }
        }

        PluginKind? enabled = null;
        if (on)
        {
            enabled = name switch
            {
                "command" => PluginKind.Command,
                "socket" => PluginKind.Socket,
                "refreshCDN" => PluginKind.RefreshCdn,
                _ => null,
            };
            if (enabled is null)
            {
                var why = name == "http"
                    ? "the http plugin was compiled out of sersync 2.2, so sersync exits with \"sersync plugin error\""
                    : "sersync knows only command, socket and refreshCDN (case-sensitive) and exits with \"sersync plugin error\"";
                report.Error($"sersync/plugin enables \"{name}\": {why}", Line(switchElement!));
            }
            else if (!blocks.ContainsKey(name))
            {
                report.Error($"sersync/plugin enables \"{name}\" but there is no <plugin name=\"{name}\"> block with its settings", Line(switchElement!));
                enabled = null;
            }
        }

        // Every block is read (so its parts count as known), but a plugin that is off had no effect in sersync,
        // and its block is usually the shipped sample: only the enabled plugin's settings are imported.
        var command = blocks.TryGetValue("command", out var c) ? ReadCommand(c, enabled == PluginKind.Command) : null;
        Located? watchOverride = null, socketWatch = null, cdnWatch = null;
        var socket = blocks.TryGetValue("socket", out var s) ? ReadSocket(s, enabled == PluginKind.Socket, out socketWatch) : null;
        var cdn = blocks.TryGetValue("refreshCDN", out var r) ? ReadRefreshCdn(r, enabled == PluginKind.RefreshCdn, out cdnWatch) : null;
        foreach (var (blockName, blockKind) in new[] { ("command", PluginKind.Command), ("socket", PluginKind.Socket), ("refreshCDN", PluginKind.RefreshCdn) })
        {
            if (enabled != blockKind && blocks.TryGetValue(blockName, out var block))
                report.Ignore($"the {blockName} plugin is off (sersync/plugin), so its <plugin name=\"{blockName}\"> settings had no effect and are not imported", Line(block));
        }
        if (enabled != PluginKind.Command) command = null;
        if (enabled != PluginKind.Socket) socket = null;
        if (enabled != PluginKind.RefreshCdn) cdn = null;
        if (enabled == PluginKind.Socket) watchOverride = socketWatch;
        if (enabled == PluginKind.RefreshCdn) watchOverride = cdnWatch;
        if (enabled is { } kind) report.Info($"the {kind} plugin runs after each delivery (sersync/plugin start=\"true\")", Line(switchElement!));
        return new PluginResult(enabled, command, socket, cdn, watchOverride);
    }

    private CommandPluginSettings ReadCommand(XElement block, bool enabled)
    {
        var param = Child(block, "param");
        var prefix = Attr(param, "prefix") ?? "/bin/sh";
        var suffix = Attr(param, "suffix") ?? "";
        var ignoreError = param is null || Switch(param, block, "plugin[command]/param", "ignoreError", true);
        var filter = Child(block, "filter");
        var filterOn = filter is not null && Switch(filter, block, "plugin[command]/filter", "start", false);
        var includes = FilterItems(filter, "include", "plugin[command]/filter");
        foreach (var include in includes) CompileRegex(include, "plugin[command]/filter/include", asError: enabled && filterOn);
        if (param is null && enabled)
            report.Warn("<plugin name=\"command\"> has no <param>; using prefix /bin/sh", Line(block));
        return new CommandPluginSettings
        {
            Prefix = prefix,
            Suffix = suffix,
            IgnoreError = ignoreError,
            FilterEnabled = filterOn,
            IncludeRegexes = includes.Select(i => i.Value).ToList(),
        };
    }

    private SocketPluginSettings? ReadSocket(XElement block, bool enabled, out Located? watch)
    {
        var localpath = Child(block, "localpath");
        watch = ReadPluginWatch(localpath);
        var deshost = localpath is null ? null : Child(localpath, "deshost");
        var ip = Attr(deshost, "ip") ?? "";
        var portText = Attr(deshost, "port");
        if (ip.Length == 0 || !int.TryParse(portText, out var port) || port is <= 0 or > 65535)
        {
            var message = $"<plugin name=\"socket\"> needs localpath/deshost with ip and a port (found ip=\"{ip}\" port=\"{portText}\")";
            if (enabled) report.Error(message, Line(deshost ?? localpath ?? block));
            return null;
        }
        return new SocketPluginSettings { Host = ip, Port = port };
    }

    private RefreshCdnPluginSettings? ReadRefreshCdn(XElement block, bool enabled, out Located? watch)
    {
        var localpath = Child(block, "localpath");
        watch = ReadPluginWatch(localpath);
        var info = localpath is null ? null : Child(localpath, "cdninfo");
        var sendurl = localpath is null ? null : Child(localpath, "sendurl");
        var regexurl = localpath is null ? null : Child(localpath, "regexurl");
        var domain = Attr(info, "domainname") ?? "";
        var portText = Attr(info, "port") ?? "";
        var user = Attr(info, "username") ?? "";
        var password = Attr(info, "passwd") ?? "";
        var baseUrl = Attr(sendurl, "base") ?? "";
        var useRegex = regexurl is not null && Switch(regexurl, localpath!, "plugin[refreshCDN]/localpath/regexurl", "regex", false);
        var match = Attr(regexurl, "match") ?? "";

        // sersync exits unless every one of these is non-empty.
        string[] missing = [.. new[] { ("cdninfo@domainname", domain), ("cdninfo@port", portText), ("cdninfo@username", user),
                ("cdninfo@passwd", password), ("sendurl@base", baseUrl), ("regexurl@match", match) }
            .Where(p => p.Item2.Length == 0).Select(p => p.Item1)];
        if (missing.Length > 0 || !int.TryParse(portText, out var port))
        {
            var message = missing.Length > 0
                ? $"<plugin name=\"refreshCDN\"> lacks {string.Join(", ", missing)}"
                : $"<plugin name=\"refreshCDN\"> cdninfo port=\"{portText}\" is not a number";
            if (enabled) report.Error(message + " (sersync exits)", Line(localpath ?? block));
            return null;
        }
        if (useRegex)
            CompileSearchRegex(new Located(match, Line(regexurl!)), enabled);
        return new RefreshCdnPluginSettings
        {
            DomainName = domain,
            Port = port,
            UserName = user,
            Password = password,
            BaseUrl = baseUrl,
            UseRegex = useRegex,
            Match = match,
        };
    }

    private Located? ReadPluginWatch(XElement? localpath)
    {
        var watch = Attr(localpath, "watch");
        return string.IsNullOrEmpty(watch) || HasPlaceholder(watch) ? null : new Located(StripTrailingSlash(watch), Line(localpath!));
    }

    // ---- filters and regexes --------------------------------------------------------------------------------

    private List<Located> FilterItems(XElement? filter, string itemName, string path)
    {
        var items = new List<Located>();
        if (filter is null) return items;
        foreach (var child in filter.Elements())
        {
            if (!child.Name.LocalName.Equals(itemName, StringComparison.OrdinalIgnoreCase))
            {
                _handled.Add(child);
                report.Warn($"<{child.Name.LocalName}> inside <{path}> is not an <{itemName}>: sersync reads the list by position and would misread it; only the <{itemName}> elements are imported", Line(child));
                continue;
            }
            _consumed.Add(child);
            var expression = Attr(child, "expression");
            if (string.IsNullOrEmpty(expression))
            {
                report.Warn($"<{itemName}> in <{path}> has no expression; skipped", Line(child));
                continue;
            }
            items.Add(new Located(expression, Line(child)));
        }
        return items;
    }

    // sersync whole-matches boost regexes (regex_match); .NET needs explicit anchors.
    private void CompileRegex(Located expression, string path, bool asError)
    {
        try
        {
            _ = new Regex($"^(?:{expression.Value})$", RegexOptions.CultureInvariant, options.RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            var message = $"invalid regex \"{expression.Value}\" in {path}: {ex.Message}";
            if (asError) report.Error(message, expression.Line);
            else report.Warn(message + " (not in effect, not imported into any active filter)", expression.Line);
            return;
        }
        if (BoostOnlySyntax().Match(expression.Value) is { Success: true } boost)
            report.Warn($"regex \"{expression.Value}\" in {path} uses \"{boost.Value}\", which boost understands but .NET reads differently (POSIX classes, \\< \\> word boundaries); rewrite it, e.g. [a-zA-Z] or \\b", expression.Line);
        if (path.StartsWith("filter/", StringComparison.Ordinal) && (expression.Value.StartsWith('/') || expression.Value.StartsWith("^/", StringComparison.Ordinal)))
            report.Warn($"regex \"{expression.Value}\" starts with '/': as in sersync, paths below the top level are matched as \"/sub/name\" but entries directly in the watch folder as \"name\" (no slash), so it never excludes a top-level entry; check that this is what you meant", expression.Line);
    }

    // boost Perl syntax that .NET accepts without error but with another meaning.
    [GeneratedRegex(@"\[:[a-z]+:\]|\\[<>]")]
    private static partial Regex BoostOnlySyntax();

    private void CompileSearchRegex(Located expression, bool asError)
    {
        try
        {
            _ = new Regex(expression.Value, RegexOptions.CultureInvariant, options.RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            var message = $"invalid regex \"{expression.Value}\" in plugin[refreshCDN]/regexurl@match: {ex.Message}";
            if (asError) report.Error(message, expression.Line);
            else report.Warn(message, expression.Line);
        }
    }

    // ---- the walk for unknown parts and template leftovers -------------------------------------------------

    private void FinishWalk(XElement root)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            if (_consumed.Contains(element))
            {
                foreach (var attribute in element.Attributes().Where(a => !_consumedAttributes.Contains(a) && !a.IsNamespaceDeclaration))
                    report.Ignore($"unknown attribute {PathOf(element)}@{attribute.Name.LocalName}=\"{attribute.Value}\": sersync ignores it", Line(attribute));
                foreach (var attribute in element.Attributes().Where(_consumedAttributes.Contains))
                    ReportPlaceholders(attribute.Value, $"{PathOf(element)}@{attribute.Name.LocalName}", Line(attribute));
                foreach (var text in element.Nodes().OfType<XText>().Where(t => !string.IsNullOrWhiteSpace(t.Value)))
                    ReportText(text, element);
            }
            else if (element.Parent is { } parent && _consumed.Contains(parent) && !_handled.Contains(element))
            {
                report.Ignore($"unknown element <{element.Name.LocalName}> in <{PathOf(parent)}>: sersync ignores it", Line(element));
            }
        }
    }

    private void ReportText(XText text, XElement element)
    {
        var value = text.Value.Trim();
        // A text node starts right after the previous tag, usually with a newline: report the line of its first character.
        var leading = text.Value[..text.Value.IndexOf(value[0])];
        var line = Line(text) + leading.Count(c => c == '\n');
        if (TemplatePlaceholder().IsMatch(value))
            report.Error($"template syntax \"{Shorten(value)}\" in <{PathOf(element)}>: this is an unrendered template (Jinja/Ansible); render it before importing", line);
        else
            report.Ignore($"stray text \"{Shorten(value)}\" in <{PathOf(element)}> is ignored (sersync ignores it too)", line);
    }

    private void ReportPlaceholders(string value, string path, int? line)
    {
        foreach (Match match in TemplatePlaceholder().Matches(value))
            report.Error($"unfilled template placeholder \"{match.Value}\" in {path}: replace it with the real value before importing", line);
    }

    private static bool HasPlaceholder(string value) => TemplatePlaceholder().IsMatch(value);

    // Jinja <c>{{ x }}</c>, <c>{% x %}</c>, <c>{# x #}</c>, shell <c>${X}</c> and script-substituted <c>{TARGET_HOST}</c>.
    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\$\{[^}]*\}|\{[A-Za-z_][A-Za-z0-9_.\-]*\}", RegexOptions.Singleline)]
    private static partial Regex TemplatePlaceholder();

    private static string Shorten(string value)
    {
        var firstLine = value.Split('\n')[0].Trim();
        return firstLine.Length > 80 ? firstLine[..80] + "…" : firstLine;
    }

    // ---- the summary of what will be created ----------------------------------------------------------------

    private void Describe(JobDefinition job, ConfxmlJobSettings settings)
    {
        report.Info($"job \"{job.Name}\" watching \"{job.WatchPath}\" with events {EventNames(job.Events)}, delete {(job.DeleteEnabled ? "on" : "off")}, rsync params \"{job.RsyncParams}\"", _watchLine);
        foreach (var remote in job.Remotes)
        {
            var target = remote.Transport == RemoteTransport.Ssh
                ? $"ssh to {remote.Host}, remote path \"{remote.ModuleOrPath}\""
                : $"rsync daemon module \"{remote.ModuleOrPath}\" on {remote.Host}";
            var extras = new List<string>();
            if (remote.User is not null) extras.Add($"user {remote.User}");
            if (remote.Password is not null) extras.Add("password from file");
            else if (settings.NeedsPassword) extras.Add("needs a password");
            if (remote.Port is not null) extras.Add($"port {remote.Port}");
            if (remote.TimeoutSeconds is not null) extras.Add($"timeout {remote.TimeoutSeconds}s");
            report.Info($"remote \"{remote.Name}\": {target}{(extras.Count > 0 ? " (" + string.Join(", ", extras) + ")" : "")}", _watchLine);
        }
        if (job.ExcludeRegexes.Count > 0)
            report.Info($"{job.ExcludeRegexes.Count} live exclude regex(es): {string.Join(", ", job.ExcludeRegexes)}", _filterLine);
        if (job.FullSyncExcludes.Count > 0)
            report.Info($"{job.FullSyncExcludes.Count} full-sync exclude pattern(s): {string.Join(", ", job.FullSyncExcludes)}");
        report.Info(settings.FullSyncIntervalMinutes is { } minutes ? $"full sync every {minutes} minute(s) (crontab)" : "no periodic full sync");
        report.Info(StartMessage(job));
        if (settings.Debug) report.Info("debug logging on (sersync debug start=\"true\")");
        if (settings.EnabledPlugin is { } plugin) report.Info($"{plugin} plugin settings imported");
        report.Info("sersync's built-in temp-file filter (.*, *~, 4913) stays on");
    }

    // The job's "full sync after trouble" (on by default, and an import keeps the default) also reconciles once when
    // the job starts, so without -r the job still pushes the whole tree at start unless that switch is turned off.
    private static string StartMessage(JobDefinition job) =>
        job.InitialFullSync ? "one full sync when the job starts (sersync -r)"
        : job.ReconcileAfterTrouble ? "initial full sync off (sersync ran without -r), but 'full sync after trouble' is on, so the job " +
                                      "still reconciles once at start; turn it off on the job to skip that"
        : "no full sync when the job starts";

    // ---- element and attribute access the way sersync does it -----------------------------------------------

    private IEnumerable<XElement> Elements(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase));

    // sersync's getChildNode(name): the first element of that name, case-insensitive; later ones are reported.
    private XElement? Child(XElement parent, string name)
    {
        XElement? first = null;
        foreach (var element in Elements(parent, name))
        {
            if (first is null)
            {
                first = element;
                _consumed.Add(element);
                continue;
            }
            if (!_handled.Add(element)) continue;
            report.Ignore($"duplicate <{PathOf(element)}>: sersync reads only the first one (line {Line(first)})", Line(element));
        }
        return first;
    }

    private string? Attr(XElement? element, string name)
    {
        var attribute = element?.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (attribute is null) return null;
        _consumedAttributes.Add(attribute);
        return attribute.Value;
    }

    private static string? AttrValue(XElement element, string name) =>
        element.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    // A switch is on only for exactly "true" (sersync compares case-sensitively); near misses get a warning.
    private bool Switch(XElement? element, XElement parent, string path, string attribute, bool defaultValue)
    {
        if (element is null)
        {
            report.Warn($"<{path}> is missing (sersync would crash); using sersync's default {attribute}=\"{(defaultValue ? "true" : "false")}\"", Line(parent));
            return defaultValue;
        }
        var value = Attr(element, attribute);
        if (value is null)
        {
            report.Warn($"{path}@{attribute} is missing (sersync would crash); using sersync's default \"{(defaultValue ? "true" : "false")}\"", Line(element));
            return defaultValue;
        }
        if (value == "true") return true;
        if (value == "false") return false;
        var trimmed = value.Trim();
        var meantOn = trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed is "1" or "yes" or "on" or "YES" or "ON" or "Yes" or "On";
        report.Warn(meantOn
            ? $"{path}@{attribute}=\"{value}\" is not exactly \"true\", so sersync treats it as off; imported as off (write \"true\" to turn it on)"
            : $"{path}@{attribute}=\"{value}\" is neither \"true\" nor \"false\"; sersync treats it as off", Line(element));
        return false;
    }

    /// <summary>C atoi: optional blanks and sign, then digits up to the first non-digit; 0 when there are none.</summary>
    internal static int Atoi(string? text)
    {
        if (text is null) return 0;
        var span = text.AsSpan().TrimStart(" \t\n\r\f\v");
        var negative = false;
        if (span.Length > 0 && span[0] is '+' or '-')
        {
            negative = span[0] == '-';
            span = span[1..];
        }
        long value = 0;
        foreach (var c in span)
        {
            if (c is < '0' or > '9') break;
            value = Math.Min(value * 10 + (c - '0'), int.MaxValue);
        }
        return (int)(negative ? -value : value);
    }

    private static string EventNames(SyncEventMask events) =>
        events == SyncEventMask.None ? "none" : string.Join(", ", EventElements.Where(e => events.HasFlag(e.Flag)).Select(e => e.Name));

    private static string DefaultJobName(string watch)
    {
        var name = watch.TrimEnd('/').Split('/').LastOrDefault(s => s.Length > 0);
        return string.IsNullOrEmpty(name) ? "root" : name;
    }

    private static string PathOf(XElement element)
    {
        var names = element.AncestorsAndSelf().Reverse().Skip(1).Select(e => e.Name.LocalName).ToList();
        return names.Count == 0 ? element.Name.LocalName : string.Join('/', names);
    }

    private static int? Line(XObject node) => ConfxmlReader.LineOf(node);
}
