using SyncConsole.Engine.Legacy;

namespace SyncConsole.Web.Import;

/// <summary>
/// Reads an rsync password file named by an uploaded confxml.xml only when it is plainly one: inside an allowed
/// folder after resolving every symlink, and named like an rsync password file. Anything else is not read at all.
/// </summary>
public static class PasswordFilePolicy
{
    private static readonly string[] Suffixes = [".pas", ".pass", ".passwd", ".password", ".secret", ".secrets"];
    private const int MaxLinkHops = 40;

    public static Func<string, (string? Password, string? Problem)> Restricted(IReadOnlyList<string> allowedDirectories) =>
        path => TryRead(path, allowedDirectories);

    public static (string? Password, string? Problem) TryRead(string path, IReadOnlyList<string> allowedDirectories)
    {
        var folders = string.Join(", ", allowedDirectories);
        if (!Path.IsPathFullyQualified(path))
            return (null, "is not an absolute path, so it was not read");
        if (!LooksLikePasswordFile(Path.GetFileName(path)))
            return (null, "was not read: over the web only files named like an rsync password file (containing \"rsync\" or ending in .pas, .pass, .passwd, .password, .secret, .secrets) are read; import with the command line on the host or enter the password");
        var real = RealPath(path);
        if (real is null)
            return (null, "does not exist here or its links cannot be resolved");
        if (!LooksLikePasswordFile(Path.GetFileName(real)))
            return (null, "was not read: it is a link to a file that is not named like an rsync password file");
        if (!allowedDirectories.Select(RealPath).OfType<string>().Any(dir => IsInside(real, dir)))
            return (null, $"was not read: over the web only password files inside {folders} (SyncConsole:Import:PasswordFileDirectories) are read, links resolved; import with the command line on the host or enter the password");
        // Read the resolved path, not the link: what was checked is what is read.
        return RsyncPasswordFile.TryRead(real);
    }

    public static bool LooksLikePasswordFile(string fileName) =>
        fileName.Contains("rsync", StringComparison.OrdinalIgnoreCase) ||
        Suffixes.Any(s => fileName.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    private static bool IsInside(string path, string directory)
    {
        var prefix = directory.EndsWith('/') ? directory : directory + "/";
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>Like realpath(3): every component's symlinks resolved; null when a part is missing or links loop.</summary>
    internal static string? RealPath(string path)
    {
        try
        {
            var hops = 0;
            var pending = new Stack<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
            var current = "/";
            while (pending.TryPop(out var part))
            {
                if (part == ".") continue;
                if (part == "..") { current = Path.GetDirectoryName(current) ?? "/"; continue; }
                var next = Path.Combine(current, part);
                var info = new FileInfo(next);
                if (info.LinkTarget is { } target)
                {
                    if (++hops > MaxLinkHops) return null;
                    // Resolve the target's own components too: push them in front of what is left.
                    var absolute = target.StartsWith('/') ? target : Path.Combine(current, target);
                    foreach (var piece in absolute.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(piece);
                    current = "/";
                    continue;
                }
                if (!info.Exists && !Directory.Exists(next)) return null;
                current = next;
            }
            return current;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
