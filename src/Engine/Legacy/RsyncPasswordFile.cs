using System.Text;

namespace SyncConsole.Engine.Legacy;

/// <summary>rsync's --password-file: the password is the first line, and rsync refuses files others can access.</summary>
public static class RsyncPasswordFile
{
    /// <summary>A password file is one short line; reading more only helps an attacker (e.g. passwordfile="/dev/zero").</summary>
    public const int MaxBytes = 4096;

    private const UnixFileMode OtherAccess = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The password, or null and why not. Never throws for unreadable paths.</summary>
    public static (string? Password, string? Problem) TryRead(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
                return (null, "does not exist here");
            // Devices, FIFOs and /proc files report length 0; only a regular file with content can hold a password.
            if (file.Length is 0 or > MaxBytes)
                return (null, file.Length == 0 ? "is empty or not a regular file" : $"is over {MaxBytes} bytes, not a password file");
            // rsync: "ERROR: password file must not be other-accessible", so such a file never worked for sersync.
            if ((file.UnixFileMode & OtherAccess) != 0)
                return (null, "is accessible by others, which rsync refuses");

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[MaxBytes];
            var length = stream.ReadAtLeast(buffer, MaxBytes, throwOnEndOfStream: false);
            var text = Encoding.UTF8.GetString(buffer, 0, length);
            var end = text.IndexOfAny(['\r', '\n']);
            var password = end < 0 ? text : text[..end];
            return password.Length == 0 ? (null, "has an empty first line") : (password, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"cannot be read here ({ex.GetType().Name})");
        }
    }
}
