using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Checks user-written rsync options and remote settings before they are saved or used. rsync options are checked
/// against an <b>allow-list</b> of what a sync job needs (attributes, compression, bandwidth, timeouts, permissions,
/// partial transfers, include/exclude patterns, skip and backup policies): anything else, including options a future
/// rsync adds, is refused. Options refused for a known reason say it (they would break delivery, which SyncConsole
/// owns: the file list, deletes, relative paths, the transport and the output it parses; or security: remote
/// shells, server modes, files read or written elsewhere).
/// </summary>
public static class RsyncOptionValidator
{
    private enum Value { None, Required }

    // Long options (without "--") a job may use, and whether they take a value ("--name=v" or "--name v").
    // The "no-" forms of the value-less ones are allowed too (e.g. --no-perms), except where a refusal below says otherwise.
    private static readonly Dictionary<string, Value> AllowedLong = new(StringComparer.Ordinal)
    {
        // The archive family and the attributes it keeps.
        ["archive"] = Value.None, ["recursive"] = Value.None, ["links"] = Value.None, ["perms"] = Value.None,
        ["times"] = Value.None, ["group"] = Value.None, ["owner"] = Value.None, ["devices"] = Value.None,
        ["specials"] = Value.None, ["hard-links"] = Value.None, ["acls"] = Value.None, ["xattrs"] = Value.None,
        ["executability"] = Value.None, ["atimes"] = Value.None, ["crtimes"] = Value.None, ["omit-dir-times"] = Value.None,
        ["omit-link-times"] = Value.None, ["numeric-ids"] = Value.None, ["fake-super"] = Value.None, ["super"] = Value.None,
        ["chmod"] = Value.Required, ["chown"] = Value.Required, ["usermap"] = Value.Required, ["groupmap"] = Value.Required,
        ["safe-links"] = Value.None, ["munge-links"] = Value.None, ["keep-dirlinks"] = Value.None, ["one-file-system"] = Value.None,
        ["sparse"] = Value.None, ["preallocate"] = Value.None, ["prune-empty-dirs"] = Value.None,
        // Transfer and network.
        ["compress"] = Value.None, ["compress-level"] = Value.Required, ["compress-choice"] = Value.Required, ["zc"] = Value.Required,
        ["skip-compress"] = Value.Required, ["checksum-choice"] = Value.Required, ["cc"] = Value.Required,
        ["bwlimit"] = Value.Required, ["timeout"] = Value.Required, ["contimeout"] = Value.Required,
        ["ipv4"] = Value.None, ["ipv6"] = Value.None, ["address"] = Value.Required, ["whole-file"] = Value.None,
        ["block-size"] = Value.Required, ["secluded-args"] = Value.None, ["protect-args"] = Value.None, ["no-motd"] = Value.None,
        ["partial"] = Value.None, ["partial-dir"] = Value.Required, ["inplace"] = Value.None, ["append"] = Value.None,
        ["append-verify"] = Value.None, ["delay-updates"] = Value.None, ["temp-dir"] = Value.Required, ["fuzzy"] = Value.None,
        ["mkpath"] = Value.None, ["ignore-errors"] = Value.None,
        // What to send: patterns (not files of patterns) and the skip policies (see RsyncSkipPolicy).
        ["exclude"] = Value.Required, ["include"] = Value.Required, ["filter"] = Value.Required,
        ["checksum"] = Value.None, ["size-only"] = Value.None, ["ignore-times"] = Value.None, ["update"] = Value.None,
        ["ignore-existing"] = Value.None, ["existing"] = Value.None, ["ignore-non-existing"] = Value.None,
        ["max-size"] = Value.Required, ["min-size"] = Value.Required, ["modify-window"] = Value.Required,
        // Backups of replaced files on the remote.
        ["backup"] = Value.None, ["backup-dir"] = Value.Required, ["suffix"] = Value.Required,
        // Output that does not disturb what SyncConsole parses (it adds --stats and --no-h itself, after these).
        ["verbose"] = Value.None, ["itemize-changes"] = Value.None, ["stats"] = Value.None, ["human-readable"] = Value.None,
        ["8-bit-output"] = Value.None,
    };

    // Short options a job may use (value-less) ...
    private static readonly Dictionary<char, string> AllowedShort = new()
    {
        ['a'] = "archive", ['r'] = "recursive", ['l'] = "links", ['p'] = "perms", ['t'] = "times", ['g'] = "group",
        ['o'] = "owner", ['D'] = "devices", ['H'] = "hard-links", ['A'] = "acls", ['X'] = "xattrs", ['E'] = "executability",
        ['U'] = "atimes", ['N'] = "crtimes", ['O'] = "omit-dir-times", ['J'] = "omit-link-times", ['K'] = "keep-dirlinks",
        ['x'] = "one-file-system", ['S'] = "sparse", ['m'] = "prune-empty-dirs", ['z'] = "compress", ['W'] = "whole-file",
        ['s'] = "secluded-args", ['4'] = "ipv4", ['6'] = "ipv6", ['y'] = "fuzzy", ['c'] = "checksum", ['I'] = "ignore-times",
        ['u'] = "update", ['b'] = "backup", ['v'] = "verbose", ['i'] = "itemize-changes", ['h'] = "human-readable", ['8'] = "8-bit-output",
        // ... and those that take a value (the rest of the cluster or the next argument).
        ['B'] = "block-size", ['T'] = "temp-dir", ['f'] = "filter", ['@'] = "modify-window",
    };

    // Short options whose value follows them (the rest of the cluster, or the next argument): every such option rsync
    // has, allowed or not, so a value is never read as options (RsyncSkipPolicy reads this list too).
    internal const string ShortWithValue = "eBfMT@";

    // Refused for a reason worth telling (long names without "--").
    private static readonly Dictionary<string, string> RefusedLong = new(StringComparer.Ordinal)
    {
        ["rsh"] = "the remote shell is built by SyncConsole from the remote's ssh settings",
        ["rsync-path"] = "it runs an arbitrary program on the remote",
        ["remote-option"] = "it passes arbitrary options to the remote side",
        ["old-args"] = "remote paths would reach the remote shell unescaped",
        ["files-from"] = "SyncConsole writes the file list itself",
        ["from0"] = "SyncConsole writes the file list itself",
        ["exclude-from"] = "it reads patterns from a local file; write the patterns with --exclude or the job's excludes",
        ["include-from"] = "it reads patterns from a local file; write the patterns with --include",
        ["cvs-exclude"] = "it reads pattern files (.cvsignore) from disk; write the patterns with --exclude",
        ["copy-links"] = "it follows symlinks and would send what they point to outside the watched folder",
        ["copy-unsafe-links"] = "it follows symlinks that point outside the watched folder and sends their targets",
        ["copy-dirlinks"] = "it follows symlinks to folders and would send what they point to outside the watched folder",
        ["copy-devices"] = "it would read devices as files",
        ["write-devices"] = "it would write into device files on the remote",
        ["password-file"] = "SyncConsole passes the remote's password itself",
        ["daemon"] = "it would start an rsync server",
        ["server"] = "it is internal to rsync",
        ["sender"] = "it is internal to rsync",
        ["config"] = "it only applies to an rsync server",
        ["dparam"] = "it only applies to an rsync server",
        ["remove-source-files"] = "it would delete files in the watched folder",
        ["remove-sent-files"] = "it would delete files in the watched folder",
        ["write-batch"] = "it writes files outside the transfer",
        ["only-write-batch"] = "it writes files outside the transfer and sends nothing",
        ["read-batch"] = "it replaces the transfer with a batch file",
        ["log-file"] = "it writes files outside the transfer",
        ["log-file-format"] = "it only applies to --log-file, which is not allowed",
        ["early-input"] = "it sends a local file to the daemon",
        ["relative"] = "SyncConsole decides how paths are sent (-R)",
        ["no-relative"] = "SyncConsole decides how paths are sent (-R)",
        ["no-R"] = "SyncConsole decides how paths are sent (-R)",
        ["no-implied-dirs"] = "SyncConsole decides how paths are sent (-R)",
        ["no-recursive"] = "SyncConsole decides recursion per path",
        ["no-r"] = "SyncConsole decides recursion per path",
        ["port"] = "the port is a remote setting",
        ["sockopts"] = "SyncConsole sets socket options itself",
        ["dry-run"] = "nothing would be delivered",
        ["list-only"] = "nothing would be delivered",
        ["version"] = "rsync would only print its version, send nothing and still exit 0: a silent loss",
        ["help"] = "rsync would only print its help, send nothing and still exit 0: a silent loss",
        ["info"] = "it changes the output SyncConsole reads (and --info=help sends nothing while exiting 0)",
        ["debug"] = "it changes the output SyncConsole reads (and --debug=help sends nothing while exiting 0)",
        ["quiet"] = "it hides the --stats output SyncConsole reads (files and bytes delivered)",
        ["out-format"] = "SyncConsole sets the output format it reads itself",
        ["log-format"] = "SyncConsole sets the output format it reads itself",
        ["progress"] = "its progress output floods the run's log; --partial keeps partial files without it",
        ["iconv"] = "SyncConsole passes file names as they are on disk",
        ["ignore-missing-args"] = "SyncConsole decides deletes (the job's delete option)",
        ["delete-missing-args"] = "SyncConsole decides deletes (the job's delete option)",
        ["force"] = "SyncConsole decides deletes (the job's delete option)",
        ["max-delete"] = "SyncConsole decides deletes (the job's delete option)",
        ["existing-only"] = "SyncConsole decides deletes (the job's delete option)",
        ["link-dest"] = "SyncConsole uses basis folders itself (to move folders without re-sending them)",
        ["copy-dest"] = "SyncConsole uses basis folders itself (to move folders without re-sending them)",
        ["compare-dest"] = "SyncConsole uses basis folders itself (to move folders without re-sending them)",
        ["stop-after"] = "it would cut transfers short",
        ["stop-at"] = "it would cut transfers short",
        ["max-alloc"] = "it only limits rsync's memory and makes large transfers fail",
    };

    private static readonly Dictionary<char, string> RefusedShort = new()
    {
        ['e'] = "-e (--rsh): the remote shell is built by SyncConsole from the remote's ssh settings",
        ['R'] = "-R (--relative): SyncConsole decides how paths are sent",
        ['0'] = "-0 (--from0): SyncConsole writes the file list itself",
        ['n'] = "-n (--dry-run): nothing would be delivered",
        ['M'] = "-M (--remote-option): it passes arbitrary options to the remote side",
        ['V'] = "-V (--version): rsync would only print its version, send nothing and still exit 0: a silent loss",
        ['L'] = "-L (--copy-links): it follows symlinks and would send what they point to outside the watched folder",
        ['k'] = "-k (--copy-dirlinks): it follows symlinks to folders and would send what they point to outside the watched folder",
        ['q'] = "-q (--quiet): it hides the --stats output SyncConsole reads (files and bytes delivered)",
        ['F'] = "-F: it reads filter rules from .rsync-filter files on disk; write the patterns with --exclude",
        ['C'] = "-C (--cvs-exclude): it reads pattern files (.cvsignore) from disk; write the patterns with --exclude",
        ['P'] = "-P (--partial --progress): its progress output floods the run's log; use --partial",
        ['d'] = "-d (--dirs): SyncConsole decides recursion per path",
    };

    // Filter rules (--filter / -f) may only include or exclude by pattern; merge rules read rule files from disk.
    private static readonly HashSet<string> AllowedFilterRules = new(StringComparer.Ordinal)
    {
        "-", "+", "exclude", "include", "hide", "show", "protect", "risk", "H", "S", "P", "R", "!", "clear",
    };

    /// <summary>At most one -v: more prints debugging lines among the output SyncConsole reads.</summary>
    private const int MaxVerbosity = 1;

    /// <summary>Problems with user-written rsync options; empty when they are acceptable.</summary>
    /// <param name="field">How the field is called in messages, e.g. "rsync parameters".</param>
    public static IReadOnlyList<string> ValidateOptions(string? text, string field = "rsync parameters")
    {
        IReadOnlyList<string> args;
        try { args = RsyncArgumentTokenizer.Split(text); }
        catch (FormatException e) { return [$"{field}: {e.Message}"]; }

        var problems = new List<string>();
        var verbosity = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arg.Length == 2) { problems.Add($"{field}: \"--\" is not allowed (SyncConsole adds the source and destination)."); continue; }
                var parts = arg[2..].Split('=', 2);
                var name = parts[0];
                var reason = LongRefusal(name, out var kind);
                if (reason is not null)
                {
                    problems.Add($"{field}: option --{name} is not allowed: {reason}.");
                    // Its value, if written as the next word, is not a second problem.
                    if (parts.Length == 1 && i + 1 < args.Count && !args[i + 1].StartsWith('-')) i++;
                    continue;
                }
                if (name == "verbose") verbosity++;
                string? value = parts.Length > 1 ? parts[1] : null;
                if (kind == Value.None && value is not null) problems.Add($"{field}: option --{name} takes no value.");
                if (kind == Value.Required && value is null)
                {
                    if (i + 1 >= args.Count) { problems.Add($"{field}: option --{name} needs a value."); continue; }
                    value = args[++i];
                }
                if (name == "filter" && value is not null && FilterRefusal(value) is { } why) problems.Add($"{field}: option --filter='{value}' is not allowed: {why}.");
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                for (var j = 1; j < arg.Length; j++)
                {
                    var c = arg[j];
                    if (RefusedShort.TryGetValue(c, out var why)) problems.Add($"{field}: option {why}.");
                    else if (!AllowedShort.ContainsKey(c))
                        problems.Add($"{field}: option -{c} is not allowed: it is not one of the rsync options SyncConsole lets a job use (see the README's Security section).");
                    if (c == 'v') verbosity++;
                    if (ShortWithValue.Contains(c))
                    {
                        var value = j < arg.Length - 1 ? arg[(j + 1)..] : i + 1 < args.Count ? args[++i] : null;
                        if (value is null) problems.Add($"{field}: option -{c} needs a value.");
                        else if (c == 'f' && FilterRefusal(value) is { } filterWhy) problems.Add($"{field}: option -f '{value}' is not allowed: {filterWhy}.");
                        break;
                    }
                }
            }
            else
            {
                problems.Add($"{field}: \"{arg}\" is not an option; source and destination are added by SyncConsole.");
            }
        }
        if (verbosity > MaxVerbosity)
            problems.Add($"{field}: option -v is allowed once: more prints debugging lines among the output SyncConsole reads.");
        return problems;
    }

    /// <summary>Why a long option is refused, or null (with whether it takes a value) when a job may use it.</summary>
    private static string? LongRefusal(string name, out Value kind)
    {
        kind = Value.None;
        if (RefusedLong.TryGetValue(name, out var reason)) return reason;
        if (name == "del" || name.StartsWith("delete", StringComparison.Ordinal)) return "SyncConsole decides deletes (the job's delete option)";
        if (AllowedLong.TryGetValue(name, out kind)) return null;
        // --no-perms, --no-o, --no-h ...: switching off a value-less option that is allowed.
        if (name.StartsWith("no-", StringComparison.Ordinal))
        {
            var switchedOff = name[3..];
            if (AllowedLong.TryGetValue(switchedOff, out var k) && k == Value.None) return null;
            if (switchedOff.Length == 1 && AllowedShort.ContainsKey(switchedOff[0]) && !ShortWithValue.Contains(switchedOff[0])) return null;
        }
        return "it is not one of the rsync options SyncConsole lets a job use (see the README's Security section)";
    }

    /// <summary>Why a filter rule is refused: only include/exclude-style rules by pattern, never merge rules that read files.</summary>
    private static string? FilterRefusal(string rule)
    {
        var trimmed = rule.TrimStart();
        if (trimmed.Length == 0) return "the rule is empty";
        // A rule is a word ("exclude", "dir-merge") or one character ("-", "+", ".", ":", "P"), then modifiers.
        var name = trimmed[0] is >= 'a' and <= 'z'
            ? new string(trimmed.TakeWhile(ch => ch is (>= 'a' and <= 'z') or '-').ToArray())
            : trimmed[..1];
        if (name is "merge" or "dir-merge" or "." or ":")
            return "merge rules read filter files from disk; write the patterns with --exclude or --include";
        return AllowedFilterRules.Contains(name) ? null : $"'{name}' is not an include or exclude rule";
    }

    /// <summary>Problems with a job's rsync-related settings.</summary>
    public static IReadOnlyList<string> ValidateJob(JobDefinition job)
    {
        var problems = new List<string>(ValidateOptions(job.RsyncParams, "rsync parameters"));
        foreach (var pattern in job.FullSyncExcludes)
        {
            if (string.IsNullOrWhiteSpace(pattern)) problems.Add("full-sync excludes: an empty pattern is not allowed.");
            else if (pattern.Contains('\0') || pattern.Contains('\n')) problems.Add($"full-sync excludes: pattern \"{pattern}\" contains a NUL or newline.");
        }
        if (!Path.IsPathRooted(job.WatchPath)) problems.Add($"watch path \"{job.WatchPath}\" is not absolute.");
        return problems;
    }

    /// <summary>Problems with a remote's settings (call on save).</summary>
    public static IReadOnlyList<string> ValidateRemote(RemoteDefinition remote)
    {
        var problems = new List<string>(ValidateOptions(remote.ExtraArgs, "extra arguments"));
        if (string.IsNullOrWhiteSpace(remote.Host)) problems.Add("host is empty.");
        else if (remote.Host.StartsWith('-') || remote.Host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '@' or '/' or '\'' or '"'))
            problems.Add($"host \"{remote.Host}\" is not a valid host name or address.");
        else if (remote.Host.Contains(':') && !(remote.Host.StartsWith('[') && remote.Host.EndsWith(']')) && remote.Transport == RemoteTransport.Ssh)
            problems.Add($"host \"{remote.Host}\": write IPv6 addresses in brackets.");

        if (remote.User is { Length: > 0 } user && (user.StartsWith('-') || user.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '@' or ':' or '/')))
            problems.Add($"user \"{user}\" contains characters that are not allowed.");

        var target = remote.ModuleOrPath;
        if (string.IsNullOrWhiteSpace(target))
            problems.Add(remote.Transport == RemoteTransport.Daemon ? "module name is empty." : "remote path is empty.");
        else if (target.Any(char.IsControl))
            problems.Add("module or path contains control characters.");
        else if (remote.Transport == RemoteTransport.Daemon && (target.Contains('/') || target.Contains(' ') || target.StartsWith('-')))
            problems.Add($"module \"{target}\" is not a valid module name (no '/', spaces or leading '-').");

        if (RemoteDestination.Problem(remote.Destination) is { } destinationProblem) problems.Add(destinationProblem);
        else if (remote.Destination != RemoteDestination.Normalise(remote.Destination))
            problems.Add($"The destination folder '{remote.Destination}' is not normalised (no surrounding blanks or trailing '/').");
        if (remote.Port is < 1 or > 65535) problems.Add($"port {remote.Port} is out of range 1-65535.");
        if (remote.TimeoutSeconds is < 0) problems.Add($"timeout {remote.TimeoutSeconds} s is negative.");
        if (remote.BandwidthLimitKbps is < 0) problems.Add($"bandwidth limit {remote.BandwidthLimitKbps} KiB/s is negative.");
        if (remote.Transport == RemoteTransport.Ssh && remote.SshKeyPath is { Length: > 0 } key
            && (!Path.IsPathRooted(key) || key.Any(c => char.IsControl(c) || c is '"' or '\'' or '\\')))
            problems.Add($"ssh key path \"{key}\" must be absolute and must not contain quotes or backslashes.");
        // '%' would be read as one of ssh's %-tokens in UserKnownHostsFile.
        if (remote.Transport == RemoteTransport.Ssh && remote.KnownHostsPath is { Length: > 0 } knownHosts
            && (!Path.IsPathRooted(knownHosts) || knownHosts.Any(c => char.IsControl(c) || c is '"' or '\'' or '\\' or '%')))
            problems.Add($"known hosts path \"{knownHosts}\" must be absolute and must not contain quotes, backslashes or '%'.");
        if (remote.Password is { } pw && (pw.Contains('\n') || pw.Contains('\0')))
            problems.Add("password must not contain a newline or NUL character.");
        return problems;
    }
}
