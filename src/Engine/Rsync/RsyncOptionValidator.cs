using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Checks user-written rsync options and remote settings before they are saved or used. Options that would
/// break delivery (we own the file list, deletes, relative paths and the transport) or security (remote
/// shells, server modes, files written or read elsewhere) are rejected with a message naming the option.
/// </summary>
public static class RsyncOptionValidator
{
    // Long options, without "--". rsync also accepts "--no-X" forms; those are listed where they matter.
    private static readonly Dictionary<string, string> ForbiddenLong = new(StringComparer.Ordinal)
    {
        ["rsh"] = "the remote shell is built by SyncConsole from the remote's ssh settings",
        ["files-from"] = "SyncConsole writes the file list itself",
        ["from0"] = "SyncConsole writes the file list itself",
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
        ["relative"] = "SyncConsole decides how paths are sent (-R)",
        ["no-relative"] = "SyncConsole decides how paths are sent (-R)",
        ["no-R"] = "SyncConsole decides how paths are sent (-R)",
        ["no-recursive"] = "SyncConsole decides recursion per path",
        ["no-r"] = "SyncConsole decides recursion per path",
        ["log-file"] = "it writes files outside the transfer",
        ["port"] = "the port is a remote setting",
        ["sockopts"] = "SyncConsole sets socket options itself",
        ["rsync-path"] = "it runs an arbitrary program on the remote",
        ["remote-option"] = "it passes arbitrary options to the remote side",
        ["early-input"] = "it sends a local file to the daemon",
        ["dry-run"] = "nothing would be delivered",
        ["list-only"] = "nothing would be delivered",
        ["ignore-missing-args"] = "SyncConsole decides deletes (the job's delete option)",
        ["delete-missing-args"] = "SyncConsole decides deletes (the job's delete option)",
        ["force"] = "SyncConsole decides deletes (the job's delete option)",
        ["max-delete"] = "SyncConsole decides deletes (the job's delete option)",
        ["version"] = "rsync would only print its version",
        ["help"] = "rsync would only print its help",
    };

    private static readonly Dictionary<char, string> ForbiddenShort = new()
    {
        ['e'] = "-e (--rsh): the remote shell is built by SyncConsole from the remote's ssh settings",
        ['R'] = "-R (--relative): SyncConsole decides how paths are sent",
        ['0'] = "-0 (--from0): SyncConsole writes the file list itself",
        ['n'] = "-n (--dry-run): nothing would be delivered",
        ['M'] = "-M (--remote-option): it passes arbitrary options to the remote side",
    };

    // Short options whose value follows them (the rest of the cluster, or the next argument).
    internal const string ShortWithValue = "eBfMT@";

    /// <summary>Problems with user-written rsync options; empty when they are acceptable.</summary>
    /// <param name="field">How the field is called in messages, e.g. "rsync parameters".</param>
    public static IReadOnlyList<string> ValidateOptions(string? text, string field = "rsync parameters")
    {
        IReadOnlyList<string> args;
        try { args = RsyncArgumentTokenizer.Split(text); }
        catch (FormatException e) { return [$"{field}: {e.Message}"]; }

        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arg.Length == 2) { problems.Add($"{field}: \"--\" is not allowed (SyncConsole adds the source and destination)."); continue; }
                var name = arg[2..].Split('=', 2)[0];
                var reason = LongReason(name);
                if (reason is not null) problems.Add($"{field}: option --{name} is not allowed: {reason}.");
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                for (var j = 1; j < arg.Length; j++)
                {
                    var c = arg[j];
                    if (ForbiddenShort.TryGetValue(c, out var why)) problems.Add($"{field}: option {why}.");
                    if (ShortWithValue.Contains(c))
                    {
                        if (j == arg.Length - 1) i++; // the value is the next argument
                        break;
                    }
                }
            }
            else
            {
                problems.Add($"{field}: \"{arg}\" is not an option; source and destination are added by SyncConsole.");
            }
        }
        return problems;
    }

    private static string? LongReason(string name)
    {
        if (ForbiddenLong.TryGetValue(name, out var reason)) return reason;
        if (name == "del" || name.StartsWith("delete", StringComparison.Ordinal)) return "SyncConsole decides deletes (the job's delete option)";
        return null;
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
