namespace SyncConsole.Engine.Jobs;

/// <summary>
/// The destination folder of a job on a remote, and when two of them overlap. Two jobs whose folders on the same
/// endpoint are equal or nested delete each other's files (each one's <c>--delete</c> removes what it does not have),
/// so an overlap is refused wherever a link is made.
/// </summary>
public static class RemoteDestination
{
    public const int MaxLength = 1024;

    /// <summary>Trims blanks and trailing '/' (a folder is a folder with or without it); null is the root, "".</summary>
    public static string Normalise(string? destination) => (destination ?? "").Trim().TrimEnd('/');

    /// <summary>Why a (normalised) destination cannot be used, or null. "" (the root) is valid.</summary>
    public static string? Problem(string destination)
    {
        if (destination.Length == 0) return null;
        if (destination.Length > MaxLength) return $"The destination folder must have at most {MaxLength} characters ({destination.Length} given).";
        if (destination.StartsWith('/')) return $"The destination folder must be relative to the module or remote path (no leading '/'): '{destination}'.";
        if (destination.Any(char.IsControl)) return "The destination folder must not contain control characters.";
        // Quotes and backslashes have meanings in rsync's and ssh's remote argument parsing; a folder name needs none.
        if (destination.IndexOfAny(['"', '\'', '`', '\\']) >= 0) return $"The destination folder must not contain quotes or backslashes: '{destination}'.";
        if (destination.Split('/').Any(s => s is "" or "." or ".."))
            return $"The destination folder must be normalised (no '.', '..' or empty segments): '{destination}'.";
        return null;
    }

    /// <summary>
    /// Whether two links write into the same tree: same transport, host (by name or address, see <see cref="HostIdentity"/>), effective port and
    /// module, and one folder equal to or inside the other. For ssh the remote path and the folder form one path, so
    /// <c>/srv/backup</c> + <c>www</c> overlaps <c>/srv/backup/www</c>. Users do not matter: they write the same files.
    /// </summary>
    public static bool Overlaps(RemoteDefinition a, RemoteDefinition b)
    {
        if (a.Transport != b.Transport || EffectivePort(a) != EffectivePort(b) || !HostIdentity.Same(a.Host, b.Host)) return false;
        var x = Location(a);
        var y = Location(b);
        return IsSameOrInside(x, y) || IsSameOrInside(y, x);
    }

    /// <summary>Whether two links write into exactly the same folder of the same endpoint.</summary>
    public static bool IsSameFolder(RemoteDefinition a, RemoteDefinition b) =>
        Overlaps(a, b) && Location(a).Length == Location(b).Length;

    /// <summary>Where the link writes, as a list of path segments: the module (or ssh path) and the folder.</summary>
    private static string[] Location(RemoteDefinition remote)
    {
        var root = remote.Transport == RemoteTransport.Daemon ? remote.ModuleOrPath.Trim().Trim('/') : remote.ModuleOrPath.Trim();
        // An absolute ssh path keeps a leading "" segment, so it never equals a relative (home-based) one.
        var segments = (root + "/" + Normalise(remote.Destination)).Split('/').Where((s, i) => i == 0 || (s.Length > 0 && s != ".")).ToArray();
        return segments;
    }

    private static bool IsSameOrInside(string[] inner, string[] outer) =>
        inner.Length >= outer.Length && outer.SequenceEqual(inner.Take(outer.Length), StringComparer.Ordinal);

    private static int EffectivePort(RemoteDefinition remote) => remote.Port ?? (remote.Transport == RemoteTransport.Daemon ? 873 : 22);

    /// <summary>How a folder is named in messages.</summary>
    public static string Describe(string destination) => destination.Length == 0 ? "the root" : $"folder '{destination}'";

    /// <summary>A destination folder to suggest for a job: its name made into one safe path segment.</summary>
    public static string Suggest(string jobName)
    {
        var chars = jobName.Trim().Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        var suggestion = new string(chars).Trim('-', '.');
        return suggestion.Length == 0 ? "job" : suggestion;
    }
}
