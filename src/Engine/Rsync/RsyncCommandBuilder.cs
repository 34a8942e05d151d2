using System.Text;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Rsync;

/// <summary>
/// Turns a job, a remote and a batch (or a full sync, verify or probe) into an <see cref="RsyncInvocation"/>.
/// Pure: no I/O. User options come first so that ours, which come after, win.
/// </summary>
public static class RsyncCommandBuilder
{
    /// <summary>
    /// One run for a whole batch: the paths go to <c>--files-from=- --from0</c> with <c>-r</c>; a non-recursive
    /// entry that is a directory is kept to the directory itself by filter rules that exclude its children
    /// (except children that are entries themselves). Missing paths are deleted on the remote when the job's
    /// delete option is on and <paramref name="ignoreMissing"/> is false, otherwise ignored.
    /// <paramref name="excludedPaths"/> are paths inside recursive entries that the job's filter excludes (found on
    /// disk by the caller): each gets an anchored exclude rule, so rsync neither sends it nor, being excluded,
    /// deletes the remote copy.
    /// </summary>
    public static RsyncInvocation BuildBatch(JobDefinition job, RemoteDefinition remote, IReadOnlyList<ChangedPath> batch,
        bool ignoreMissing = false, IReadOnlyCollection<string>? excludedPaths = null)
    {
        Validate(job, remote);
        var entries = Reduce(batch);
        var deletes = job.DeleteEnabled && !ignoreMissing;

        var options = UserOptions(job, remote);
        options.AddRange(["--stats", "--no-h", "-r", "--relative", "--from0", "--files-from=-"]);
        // inotify said these paths changed: compare them for real. rsync's quick check matches size and mtime in whole
        // seconds, so a same-size rewrite within the second of the last delivery would be skipped and silently lost.
        // (Not for the whole tree, where forcing a delta of every file would make a full sync a checksum run.)
        // Paths seen while a run covering them was in flight (files written into a new folder while its recursive run
        // went) may have been sent by that run: compare content, so they go again only if they differ.
        if (!entries.Any(e => e.RelativePath.Length == 0))
            options.Add(entries.Any(e => e.SeenDuringRun) ? "--checksum" : "--ignore-times");
        if (deletes)
        {
            // --delete mirrors the subtree of recursive entries (a re-created folder loses stale remote files);
            // --force lets --delete-missing-args remove a non-empty folder.
            options.AddRange(["--delete-missing-args", "--force", "--delete"]);
        }
        else options.Add("--ignore-missing-args");
        options.AddRange(RemoteOptions(remote));
        options.AddRange(MakePath(remote));

        var list = new MemoryStream();
        foreach (var e in entries)
        {
            // A leading '/' keeps names starting with '#' or ';' from being read as comments; rsync strips it.
            var bytes = Encoding.UTF8.GetBytes(e.RelativePath.Length == 0 ? "/." : "/" + e.RelativePath);
            list.Write(bytes);
            list.WriteByte(0);
        }

        var rules = ExcludedRules(excludedPaths);
        rules.AddRange(NonRecursiveRules(entries));
        return new RsyncInvocation
        {
            WorkingDirectory = job.WatchPath,
            Options = options,
            Operands = [".", Destination(remote)],
            FilesFrom = list.ToArray(),
            FilterRules = rules.Count == 0 ? null : JoinRules(rules),
            Password = DaemonPassword(remote),
            Paths = entries,
        };
    }

    /// <summary>
    /// The delete method of sersync and lsyncd, for rsync releases whose <c>--delete-missing-args</c> is broken:
    /// a recursive <c>--delete</c> of the root, filtered down to the missing paths and their parents.
    /// </summary>
    public static RsyncInvocation BuildFilteredDelete(JobDefinition job, RemoteDefinition remote, IReadOnlyList<string> missingPaths)
    {
        Validate(job, remote);
        if (missingPaths.Count == 0) throw new ArgumentException("No paths to delete.", nameof(missingPaths));
        var rules = new List<string>();
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in missingPaths)
        {
            CheckRelative(p);
            if (p.Length == 0) throw new ArgumentException("The watch root itself cannot be deleted remotely.", nameof(missingPaths));
            var parts = p.Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                var parent = string.Join('/', parts[..i]);
                if (parents.Add(parent)) rules.Add("+ " + RsyncFilterPattern.Anchored(parent));
            }
            rules.Add("+ " + RsyncFilterPattern.Anchored(p));
            rules.Add("+ " + RsyncFilterPattern.Anchored(p, "/***"));
        }
        rules.Add("- *");

        var options = UserOptions(job, remote);
        options.AddRange(["--stats", "--no-h", "-r", "--delete", "--force", "--from0"]);
        options.AddRange(RemoteOptions(remote));
        options.AddRange(MakePath(remote));
        return new RsyncInvocation
        {
            WorkingDirectory = job.WatchPath,
            Options = options,
            Operands = ["./", Destination(remote)],
            FilterRules = JoinRules(rules),
            Password = DaemonPassword(remote),
            Paths = [.. missingPaths.Select(p => new ChangedPath(p, true))],
        };
    }

    /// <summary>
    /// A folder that moved from <paramref name="from"/> to <paramref name="to"/> (both relative to the watch root): sends
    /// the new folder with the remote's old copy as basis (<c>--link-dest</c> when the job deletes, so the old path is
    /// removed right after and no two paths stay linked; otherwise <c>--copy-dest</c>), relative to the destination
    /// folder. <c>--checksum</c> makes the basis exact: a file is taken from the old copy only when its content is equal;
    /// a missing or changed old copy is an ordinary (delta) transfer, so a diverged remote costs bytes, never correctness.
    /// The old path is not touched: its delete is the batch's job.
    /// </summary>
    /// <param name="excludedPaths">Paths under <paramref name="to"/> (relative to the watch root) that the job's filter
    /// excludes, as for <see cref="BuildBatch"/>: neither sent nor, being excluded, deleted remotely.</param>
    public static RsyncInvocation BuildFolderMove(JobDefinition job, RemoteDefinition remote, string from, string to,
        IReadOnlyCollection<string>? excludedPaths = null)
    {
        Validate(job, remote);
        CheckRelative(from);
        CheckRelative(to);
        if (from.Length == 0 || to.Length == 0 || RelativePaths.Overlap(from, to))
            throw new ArgumentException($"\"{from}\" -> \"{to}\" is not a move between two separate folders.");
        var options = UserOptions(job, remote);
        options.AddRange(["--stats", "--no-h", "-r", "--checksum"]);
        // Relative to the run's destination folder (root/to): up to the root, then down to the old folder.
        options.Add(BasisOption(job, options, Up(to) + from));
        if (job.DeleteEnabled) options.AddRange(["--delete", "--force"]);
        options.AddRange(RemoteOptions(remote));
        options.AddRange(MakePath(remote));
        // The run's transfer root is the new folder: the rules are anchored there.
        var rules = ExcludedRules(excludedPaths?.Where(p => p.StartsWith(to + "/", StringComparison.Ordinal)).Select(p => p[(to.Length + 1)..]).ToList());
        return new RsyncInvocation
        {
            WorkingDirectory = job.WatchPath,
            Options = options,
            Operands = ["./" + to + "/", DestinationUnder(remote, to)],
            FilterRules = rules.Count == 0 ? null : JoinRules(rules),
            Password = DaemonPassword(remote),
            Paths = [new ChangedPath(to, true)],
        };
    }

    /// <summary>
    /// A file renamed or moved from <paramref name="from"/> to <paramref name="to"/>: the file alone goes into its
    /// remote folder with the old file's remote folder as basis (<c>--link-dest</c>/<c>--copy-dest</c>, as for
    /// <see cref="BuildFolderMove"/>); when the name changed, <c>--fuzzy</c> (twice when the basis is another folder,
    /// so rsync also looks there) finds the old file by its size and time and sends only the delta against it.
    /// A missing or changed old copy is an ordinary transfer. The old path is the batch's to delete.
    /// </summary>
    public static RsyncInvocation BuildFileMove(JobDefinition job, RemoteDefinition remote, string from, string to)
    {
        Validate(job, remote);
        CheckRelative(from);
        CheckRelative(to);
        if (from.Length == 0 || to.Length == 0 || from == to)
            throw new ArgumentException($"\"{from}\" -> \"{to}\" is not a move of a file.");
        var (fromFolder, fromName) = Split(from);
        var (toFolder, toName) = Split(to);
        var options = UserOptions(job, remote);
        options.AddRange(["--stats", "--no-h", "--checksum"]);
        var sameFolder = fromFolder == toFolder;
        // Relative to the run's destination folder (the new parent): up to the root, then down to the old parent.
        if (!sameFolder) options.Add(BasisOption(job, options, (Up(toFolder) + fromFolder).TrimEnd('/')));
        if (fromName != toName) options.AddRange(sameFolder ? ["--fuzzy"] : ["--fuzzy", "--fuzzy"]);
        options.AddRange(RemoteOptions(remote));
        options.AddRange(MakePath(remote));
        return new RsyncInvocation
        {
            WorkingDirectory = job.WatchPath,
            Options = options,
            Operands = ["./" + to, DestinationUnder(remote, toFolder)],
            Password = DaemonPassword(remote),
            Paths = [new ChangedPath(to, false)],
        };
    }

    /// <summary>"../" once per component of <paramref name="folder"/>: from that folder up to the root.</summary>
    private static string Up(string folder) =>
        folder.Length == 0 ? "" : string.Concat(Enumerable.Repeat("../", folder.Count(c => c == '/') + 1));

    private static (string Folder, string Name) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? ("", path) : (path[..slash], path[(slash + 1)..]);
    }

    /// <summary>
    /// <c>--link-dest</c> when the job deletes (the old path goes right after, so no two paths stay linked), otherwise
    /// <c>--copy-dest</c>; and <c>--copy-dest</c> with in-place writes, which would change a linked file under both names.
    /// </summary>
    private static string BasisOption(JobDefinition job, List<string> options, string basis)
    {
        var link = job.DeleteEnabled && !options.Any(o => o is "--inplace" || o.StartsWith("--append", StringComparison.Ordinal));
        return (link ? "--link-dest=" : "--copy-dest=") + basis;
    }

    /// <summary>The destination operand for a folder inside the remote's destination root, with a trailing '/'.</summary>
    public static string DestinationUnder(RemoteDefinition remote, string relative)
    {
        var root = Destination(remote);
        var separator = root.EndsWith(':') || root.EndsWith('/') ? "" : "/";
        return relative.Length == 0 ? root + separator : root + separator + relative + "/";
    }

    /// <summary>sersync's <c>-r</c>/crontab push: the whole tree, full-sync excludes, <c>--delete</c> only if the job deletes.</summary>
    /// <param name="overwriteNewer">"Make identical": without the job's skip policy (<see cref="RsyncSkipPolicy"/>) and
    /// with checksums, so newer remote files and same-size, same-time changes are overwritten too; the crontab and
    /// reconciling full syncs keep the job's params, as sersync does.</param>
    /// <param name="excludedPaths">Paths the job's live filter excludes, found on disk (see
    /// <see cref="JobDefinition.FullSyncUsesLiveExcludes"/>): anchored excludes, so neither sent nor deleted remotely.</param>
    public static RsyncInvocation BuildFullSync(JobDefinition job, RemoteDefinition remote, bool overwriteNewer = false,
        IReadOnlyCollection<string>? excludedPaths = null)
    {
        Validate(job, remote);
        var options = overwriteNewer ? RsyncSkipPolicy.Strip(UserOptions(job, remote)).Options : UserOptions(job, remote);
        // The repair must also replace a remote file changed with its size and time kept, which only checksums see.
        if (overwriteNewer) options.Add("--checksum");
        options.AddRange(["--stats", "--no-h", "-r"]);
        if (job.DeleteEnabled) options.AddRange(["--delete", "--force"]);
        options.AddRange(job.FullSyncExcludes.Select(p => "--exclude=" + p));
        options.AddRange(RemoteOptions(remote));
        options.AddRange(MakePath(remote));
        var rules = ExcludedRules(excludedPaths);
        // The rules file is NUL-separated (a path may hold a newline); --from0 says so for merged files too.
        if (rules.Count > 0) options.Add("--from0");
        return new RsyncInvocation
        {
            WorkingDirectory = job.WatchPath,
            Options = options,
            Operands = ["./", Destination(remote)],
            FilterRules = rules.Count == 0 ? null : JoinRules(rules),
            Password = DaemonPassword(remote),
        };
    }

    /// <summary>
    /// A dry run of the full sync that itemizes every difference, including remote extras (always with
    /// <c>--delete</c>: nothing is changed, and extras are what a verify must report). It compares content, not the
    /// job's transfer policy: the options that leave differing files alone (<c>-u</c>, <c>--size-only</c>, ...) are
    /// left out unless <paramref name="jobPolicy"/> asks what the job itself would send.
    /// </summary>
    /// <param name="deep">Compare checksums (<c>--checksum</c>): finds a change that kept size and modification time.</param>
    /// <param name="excludedPaths">As for <see cref="BuildFullSync"/>: left out of the comparison, as the full sync leaves them out.</param>
    public static RsyncInvocation BuildVerify(JobDefinition job, RemoteDefinition remote, bool deep = false, bool jobPolicy = false,
        IReadOnlyCollection<string>? excludedPaths = null)
    {
        Validate(job, remote);
        var options = jobPolicy ? UserOptions(job, remote) : RsyncSkipPolicy.Strip(UserOptions(job, remote)).Options;
        if (deep) options.Add("--checksum");
        options.AddRange(["--stats", "--no-h", "-r", "--dry-run", "--delete", "--out-format=%i %n%L"]);
        options.AddRange(job.FullSyncExcludes.Select(p => "--exclude=" + p));
        options.AddRange(RemoteOptions(remote));
        var rules = ExcludedRules(excludedPaths);
        // The rules file is NUL-separated (a path may hold a newline); --from0 says so for merged files too.
        if (rules.Count > 0) options.Add("--from0");
        return new RsyncInvocation
        {
            WorkingDirectory = job.WatchPath,
            Options = options,
            Operands = ["./", Destination(remote)],
            FilterRules = rules.Count == 0 ? null : JoinRules(rules),
            Password = DaemonPassword(remote),
        };
    }

    /// <summary>"Test connection": list the top of the module or remote path.</summary>
    public static RsyncInvocation BuildProbe(RemoteDefinition remote, string workingDirectory = "/")
    {
        var problems = RsyncOptionValidator.ValidateRemote(remote);
        if (problems.Count > 0) throw new RsyncConfigurationException(problems);
        var options = new List<string> { "--list-only", "--no-h" };
        if (remote.Transport == RemoteTransport.Daemon) options.Add("--no-motd");
        options.AddRange(RemoteOptions(remote));
        return new RsyncInvocation
        {
            WorkingDirectory = workingDirectory,
            Options = options,
            // The module or path itself: a job's destination folder may not exist before its first delivery.
            Operands = [Endpoint(remote).TrimEnd('/') + "/"],
            Password = DaemonPassword(remote),
        };
    }

    /// <summary>
    /// The destination operand: <c>user@host::module</c> or <c>user@host:path</c>, followed by the job's
    /// destination folder (<see cref="RemoteDefinition.Destination"/>) when it has one.
    /// </summary>
    public static string Destination(RemoteDefinition remote)
    {
        var root = Endpoint(remote);
        if (remote.Destination.Length == 0) return root;
        return root + (root.EndsWith(':') || root.EndsWith('/') ? "" : "/") + remote.Destination;
    }

    /// <summary>The remote's module or path itself, without a job's destination folder.</summary>
    public static string Endpoint(RemoteDefinition remote)
    {
        var user = string.IsNullOrEmpty(remote.User) ? "" : remote.User + "@";
        return remote.Transport == RemoteTransport.Daemon
            ? $"{user}{remote.Host}::{remote.ModuleOrPath}"
            : $"{user}{remote.Host}:{remote.ModuleOrPath}";
    }

    /// <summary>
    /// A destination folder may not exist yet, nor its parents (a new job, a nested folder): <c>--mkpath</c> (rsync
    /// 3.2.3+) creates the missing components. Not for the root, whose commands stay as sersync's.
    /// </summary>
    private static IEnumerable<string> MakePath(RemoteDefinition remote) =>
        remote.Destination.Length == 0 ? [] : ["--mkpath"];

    /// <summary>The <c>-e</c> value for ssh remotes: built from our settings only, never from user text.</summary>
    public static string SshCommand(RemoteDefinition remote)
    {
        var sb = new StringBuilder("ssh");
        if (remote.Port is { } port) sb.Append(" -p ").Append(port);
        // IdentitiesOnly: the configured key, not whatever an ssh-agent on the host happens to offer first.
        if (!string.IsNullOrEmpty(remote.SshKeyPath)) sb.Append(" -i \"").Append(remote.SshKeyPath).Append("\" -o IdentitiesOnly=yes");
        sb.Append(" -o BatchMode=yes");
        if (!string.IsNullOrEmpty(remote.KnownHostsPath))
        {
            // rsync strips the single quotes; ssh's option parser then strips the double ones. Both are needed:
            // ssh reads an unquoted UserKnownHostsFile value as a space-separated list of files.
            sb.Append(" -o 'UserKnownHostsFile=\"").Append(remote.KnownHostsPath).Append("\"'");
            sb.Append(" -o StrictHostKeyChecking=yes");
        }
        return sb.ToString();
    }

    private static void Validate(JobDefinition job, RemoteDefinition remote)
    {
        var problems = RsyncOptionValidator.ValidateJob(job).Concat(RsyncOptionValidator.ValidateRemote(remote)).ToList();
        if (problems.Count > 0) throw new RsyncConfigurationException(problems);
    }

    /// <summary>The job's skip-policy options (see <see cref="RsyncSkipPolicy"/>), e.g. <c>-u</c> for <c>-artuz</c>.</summary>
    public static IReadOnlyList<string> SkipPolicyOf(JobDefinition job, RemoteDefinition remote) => RsyncSkipPolicy.Strip(UserOptions(job, remote)).Removed;

    private static List<string> UserOptions(JobDefinition job, RemoteDefinition remote) =>
        [.. RsyncArgumentTokenizer.Split(job.RsyncParams), .. RsyncArgumentTokenizer.Split(remote.ExtraArgs)];

    private static IEnumerable<string> RemoteOptions(RemoteDefinition remote)
    {
        if (remote.Transport == RemoteTransport.Daemon)
        {
            if (remote.Port is { } port) yield return $"--port={port}";
            // Without TCP_NODELAY every daemon connection on loopback stalls ~90 ms (Nagle + delayed ACK).
            yield return "--sockopts=TCP_NODELAY";
            if (remote.TimeoutSeconds is > 0 and var ct) yield return $"--contimeout={ct}";
        }
        else
        {
            yield return "-e";
            yield return SshCommand(remote);
        }
        if (remote.TimeoutSeconds is > 0 and var t) yield return $"--timeout={t}";
        if (remote.BandwidthLimitKbps is > 0 and var bw) yield return $"--bwlimit={bw}";
    }

    private static string? DaemonPassword(RemoteDefinition remote) =>
        remote.Transport == RemoteTransport.Daemon && !string.IsNullOrEmpty(remote.Password) ? remote.Password : null;

    /// <summary>Deduplicates (recursive wins) and drops entries a recursive ancestor already covers. Sorted ordinally.</summary>
    internal static IReadOnlyList<ChangedPath> Reduce(IReadOnlyList<ChangedPath> batch)
    {
        var byPath = new Dictionary<string, ChangedPath>(StringComparer.Ordinal);
        foreach (var c in batch)
        {
            CheckRelative(c.RelativePath);
            byPath[c.RelativePath] = byPath.TryGetValue(c.RelativePath, out var r)
                ? r with { Recursive = r.Recursive || c.Recursive, SeenDuringRun = r.SeenDuringRun || c.SeenDuringRun, MovedFrom = c.MovedFrom ?? r.MovedFrom }
                : c;
        }
        var recursive = byPath.Where(kv => kv.Value.Recursive).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        return byPath
            .Where(kv => !RelativePaths.Ancestors(kv.Key).Any(recursive.Contains))
            .Select(kv => kv.Value)
            .OrderBy(c => c.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Exact paths strictly inside recursive entries. The non-recursive rules never name such a path (their
    /// includes are entries and their ancestors, and entries inside a recursive one are reduced away; their
    /// <c>/*</c> never crosses a '/'), so the order does not matter today; first means "excluded" wins regardless.
    /// </summary>
    private static List<string> ExcludedRules(IReadOnlyCollection<string>? excludedPaths)
    {
        if (excludedPaths is null || excludedPaths.Count == 0) return [];
        var rules = new List<string>(excludedPaths.Count);
        foreach (var p in excludedPaths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            CheckRelative(p);
            if (p.Length == 0) throw new ArgumentException("The watch root itself cannot be excluded.", nameof(excludedPaths));
            rules.Add("- " + RsyncFilterPattern.Anchored(p));
        }
        return rules;
    }

    /// <summary>
    /// With <c>-r</c>, every directory in the list is recursed. For a non-recursive entry N we exclude N's
    /// children, except those on the way to another entry, which become non-recursive nodes themselves.
    /// </summary>
    private static List<string> NonRecursiveRules(IReadOnlyList<ChangedPath> entries)
    {
        var nonRecursive = entries.Where(e => !e.Recursive).Select(e => e.RelativePath).ToHashSet(StringComparer.Ordinal);
        if (nonRecursive.Count == 0) return [];

        var includes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            string? child = e.RelativePath;
            foreach (var ancestor in RelativePaths.Ancestors(e.RelativePath))
            {
                // ancestor is a non-recursive entry, or lies below one: its child on our path must stay included.
                if (nonRecursive.Contains(ancestor) || RelativePaths.Ancestors(ancestor).Any(nonRecursive.Contains))
                {
                    includes.Add(child!);
                    nonRecursive.Add(ancestor);
                }
                child = ancestor;
            }
        }

        var rules = includes.Select(p => "+ " + RsyncFilterPattern.Anchored(p)).ToList();
        foreach (var node in nonRecursive.Order(StringComparer.Ordinal))
            rules.Add("- " + (node.Length == 0 ? "/*" : RsyncFilterPattern.Anchored(node, "/*")));
        return rules;
    }

    private static void CheckRelative(string path)
    {
        if (path.StartsWith('/') || path.EndsWith('/') || path.Contains('\0') || path.Contains("//")
            || path.Split('/').Any(s => s is ".." or "." ))
            throw new ArgumentException($"\"{path}\" is not a clean relative path (no leading or trailing '/', no '.', '..' or NUL).");
    }

    private static byte[] JoinRules(IEnumerable<string> rules)
    {
        var ms = new MemoryStream();
        foreach (var r in rules)
        {
            ms.Write(Encoding.UTF8.GetBytes(r));
            ms.WriteByte(0);
        }
        return ms.ToArray();
    }
}
